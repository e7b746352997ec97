package com.amends.policy;

import java.util.List;
import java.util.Optional;

/**
 * How much room is left under each rule that applies to a grant or a campaign: the one place
 * the arithmetic of the controls lives. Judging a grant asks which rooms a value passes, the
 * allowance asks for the tightest room, and a campaign asks how many grants of one value fit.
 * Rooms are kept in the order rules are checked (max_grant, daily_total, customer_cap, then the
 * budgets, overall first), which is also the order ties are broken in.
 */
public record Headroom(List<Room> rooms) {

    public Headroom {
        rooms = List.copyOf(rooms);
    }

    public boolean isEmpty() {
        return rooms.isEmpty();
    }

    /** This headroom with {@code amount} more used under every rule: rows already waiting take the room first. */
    public Headroom reserve(long amount) {
        return new Headroom(rooms.stream().map(r -> r.withUsed(r.used() + amount)).toList());
    }

    /** The room with the least left; the first of equals. */
    public Optional<Room> tightest() {
        Room tightest = null;
        for (Room room : rooms) {
            if (tightest == null || room.left() < tightest.left()) {
                tightest = room;
            }
        }
        return Optional.ofNullable(tightest);
    }

    /** The rules the controls know. */
    public enum Rule { MAX_GRANT, DAILY_TOTAL, CUSTOMER_CAP, BUDGET, COST_CAP }

    /**
     * One rule's limit and what is used under it. {@code scope} is the agent (daily_total), the
     * customer (customer_cap), the budget's scope or the campaign; {@code period} the UTC day,
     * the month, or the cap's window in days. A hard room refuses what passes it.
     */
    public record Room(Rule rule, String scope, String period, long limit, long used, boolean hard) {

        public static Room maxGrant(long limit) {
            return new Room(Rule.MAX_GRANT, null, null, limit, 0, false);
        }

        public static Room dailyTotal(String agentId, String day, long limit, long used) {
            return new Room(Rule.DAILY_TOTAL, agentId, day, limit, used, false);
        }

        public static Room customerCap(String customerId, int windowDays, long limit, long received) {
            return new Room(Rule.CUSTOMER_CAP, customerId, String.valueOf(windowDays), limit, received, false);
        }

        public static Room budget(String scope, String month, long amount, long committed, boolean hard) {
            return new Room(Rule.BUDGET, scope, month, amount, committed, hard);
        }

        public static Room costCap(String campaignId, long cap, long spent) {
            return new Room(Rule.COST_CAP, campaignId, null, cap, spent, true);
        }

        public long left() {
            return limit - used;
        }

        /** Whether {@code value} more would pass the limit. */
        public boolean passedBy(long value) {
            return used + value > limit;
        }

        /** How many grants of {@code unit} each fit in what is left (all {@code wanted} when they are worth nothing). */
        public long units(long unit, long wanted) {
            return unit == 0 ? wanted : Math.max(0, left() / unit);
        }

        public Room withUsed(long used) {
            return new Room(rule, scope, period, limit, used, hard);
        }

        /** The rule's name in an allowance's limited_by: a hard budget is told apart. */
        public String name() {
            return switch (rule) {
                case MAX_GRANT -> "max_grant";
                case DAILY_TOTAL -> "daily_total";
                case CUSTOMER_CAP -> "customer_cap";
                case BUDGET -> hard ? "budget_hard" : "budget";
                case COST_CAP -> "cost_cap";
            };
        }

        /** The usage row a grant counted under this rule is kept in, if the rule keeps one. */
        public Optional<UsageKey> usageKey() {
            return switch (rule) {
                case DAILY_TOTAL -> Optional.of(UsageKey.agent(scope, period));
                case BUDGET -> Optional.of(UsageKey.budget(scope, period));
                default -> Optional.empty();
            };
        }
    }
}
