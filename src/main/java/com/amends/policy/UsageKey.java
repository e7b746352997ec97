package com.amends.policy;

/**
 * One usage row a grant is counted in: a budget's scope and month, or an agent's day. Kept as
 * rows of grant_usage so that taking a grant back subtracts exactly what it added.
 */
public record UsageKey(Kind kind, String scope, String period) {

    public enum Kind {
        BUDGET, AGENT;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind fromColumn(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static UsageKey budget(String scope, String month) {
        return new UsageKey(Kind.BUDGET, scope, month);
    }

    public static UsageKey agent(String agentId, String day) {
        return new UsageKey(Kind.AGENT, agentId, day);
    }
}
