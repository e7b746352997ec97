package com.amends.policy;

import com.amends.auth.Role;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Money;
import com.amends.platform.Tx;
import com.amends.points.PointValues;
import com.amends.reward.Reward;
import com.amends.reward.VoucherType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges grants against the controls: a hard budget refuses a grant, anything else it breaks
 * sends it for approval. The room under each rule comes from {@link Controls} as a
 * {@link Headroom}; {@link #commit} counts the grant through the {@link GrantTally} first, so
 * that it judges what the locked usage rows hold.
 */
public final class Judging {
    public static final int RECENT_DAYS = 90;

    private final Controls controls;
    private final GrantTally tally;
    private final GoodwillTotals totals;
    private final PointValues pointValues;
    private final Amounts amounts;
    private final Clock clock;

    public Judging(Controls controls, GrantTally tally, GoodwillTotals totals, PointValues pointValues, Amounts amounts,
                   Clock clock) {
        this.controls = controls;
        this.tally = tally;
        this.totals = totals;
        this.pointValues = pointValues;
        this.amounts = amounts;
        this.clock = clock;
    }

    public String currency() {
        return amounts.currency();
    }

    /** A reward's value in the accounting currency; empty when it cannot be valued in it. */
    public Optional<Long> value(Reward reward) {
        if (reward.points() != null) {
            return Optional.of(pointValues.value(reward.points(), amounts.currency()).amount());
        }
        if (reward.voucher().type() == VoucherType.AMOUNT) {
            Money value = reward.voucher().value();
            return value.currency().equals(amounts.currency()) ? Optional.of(value.amount()) : Optional.empty();
        }
        Money cap = reward.voucher().maxDiscount();
        return cap != null && cap.currency().equals(amounts.currency()) ? Optional.of(cap.amount()) : Optional.empty();
    }

    /**
     * Judges a grant and counts it in the usage rows, inside the grant's transaction (the
     * customer's row locked). Throws budget_exhausted for a hard budget; answers the rules that
     * send it for approval and the usage rows it was counted in.
     */
    public Judgement commit(Tx tx, Subject grant) {
        return judge(tx, grant);
    }

    /** What {@link #commit} would answer, without counting anything. */
    public Judgement preview(Subject grant) {
        return judge(null, grant);
    }

    private Judgement judge(Tx tx, Subject grant) {
        List<Violation> violations = new ArrayList<>();
        if (grant.topUp()) {
            violations.add(new Violation("top_up", "A second grant for the same case always needs approval",
                    null, null, null));
        }
        Headroom headroom = headroom(grant);
        if (grant.value() == null) {
            if (!headroom.isEmpty()) {
                violations.add(new Violation("not_valued", "The reward cannot be valued in " + amounts.currency()
                        + ", so limits cannot clear it", null, null, null));
            }
            return new Judgement(violations, List.of());
        }
        long value = grant.value();
        List<UsageKey> usage = List.of();
        if (tx != null) {
            GrantTally.Counted counted = tally.count(tx, headroom, value);
            headroom = counted.headroom();
            usage = counted.keys();
        }
        for (Headroom.Room room : headroom.rooms()) {
            if (room.passedBy(value)) {
                violations.add(violation(room, value));
            }
        }
        return new Judgement(violations, usage);
    }

    private Violation violation(Headroom.Room room, long value) {
        Money limit = amounts.money(room.limit());
        Money with = amounts.money(room.used() + value);
        String format = amounts.format(room.limit());
        return switch (room.rule()) {
            case MAX_GRANT -> new Violation("max_grant", "A single grant above " + format + " needs approval", limit,
                    amounts.money(value), null);
            case DAILY_TOTAL -> new Violation("daily_total", "Agent " + room.scope() + " would pass the daily total of "
                    + format, limit, with, null);
            case CUSTOMER_CAP -> new Violation("customer_cap", "The customer would pass " + format + " of goodwill in "
                    + room.period() + " days", limit, with, null);
            case BUDGET -> {
                if (room.hard()) {
                    throw new ApiException(ErrorCode.BUDGET_EXHAUSTED, "The " + room.scope() + " budget of " + format
                            + " for " + room.period() + " has " + amounts.format(Math.max(0, room.left())) + " left",
                            List.of(), Map.of("scope", room.scope(), "limit", limit, "value", with));
                }
                yield new Violation("budget", "The " + room.scope() + " budget for " + room.period()
                        + " would be passed", limit, with, room.scope());
            }
            case COST_CAP -> throw new IllegalStateException("A single grant has no cost cap");
        };
    }

    /**
     * On approval: counts the grant against budgets set since it was made, and refuses when a
     * hard budget it counts in is over (an admin may have lowered it). Answers the usage rows it
     * was counted in now.
     */
    public List<UsageKey> countOnApproval(Tx tx, String category, Instant createdAt, Long value, String usageId) {
        Set<UsageKey> had = new HashSet<>(tally.keys(usageId));
        List<UsageKey> added = new ArrayList<>();
        for (Headroom.Room budget : controls.budgets(category, createdAt).rooms()) {
            UsageKey key = budget.usageKey().orElseThrow();
            long committed;
            if (value != null && !had.contains(key)) {
                committed = tally.addToBudget(tx, budget, value);
                added.add(key);
            } else {
                committed = budget.used();
            }
            if (budget.hard() && committed > budget.limit()) {
                throw new ApiException(ErrorCode.BUDGET_EXHAUSTED, "The " + budget.scope() + " budget for "
                        + budget.period() + " is spent: " + amounts.format(committed) + " committed of "
                        + amounts.format(budget.limit()), List.of(), Map.of("scope", budget.scope(),
                        "limit", amounts.money(budget.limit()), "value", amounts.money(committed)));
            }
        }
        return added;
    }

    /**
     * The most a grant can be worth now without approval, and the rule that sets it: the
     * tightest room of the same headroom {@link #commit} judges against.
     */
    public Allowance allowance(Subject probe, Reward suggested, String compensatedBy) {
        Optional<Headroom.Room> tightest = headroom(probe).tightest();
        Long max = tightest.map(Headroom.Room::left).orElse(null);
        String by = tightest.map(Headroom.Room::name).orElse(null);
        if (compensatedBy != null) {
            max = 0L;
            by = "top_up";
        }
        Long suggestedValue = suggested == null ? null : value(suggested).orElse(null);
        boolean overMax = suggested != null
                && (suggestedValue == null ? max != null : max != null && suggestedValue > max);
        boolean refused = overMax && "budget_hard".equals(by) && compensatedBy == null;
        boolean suggestedNeedsApproval = suggested != null && !refused && (compensatedBy != null || overMax);
        return new Allowance(suggested, amounts.money(suggestedValue), max == null ? null : amounts.money(Math.max(0, max)),
                by, suggestedNeedsApproval, refused, compensatedBy, recentGoodwill(probe.customerId()));
    }

    public RecentGoodwill recentGoodwill(String customerId) {
        PolicyDao.Goodwill recent = totals.since(customerId, clock.instant().minus(Duration.ofDays(RECENT_DAYS)));
        return new RecentGoodwill(RECENT_DAYS, recent.grants(), amounts.money(recent.totalValue()));
    }

    private Headroom headroom(Subject grant) {
        return controls.forGrant(grant.role(), grant.agentId(), grant.customerId(), grant.category(), grant.at());
    }

    /** What the controls look at in a grant. {@code value} is null when it cannot be valued. */
    public record Subject(Role role, String agentId, String customerId, String category, Long value, Instant at,
                          boolean topUp) {}

    /** The rules a grant broke, and the usage rows it was counted in. */
    public record Judgement(List<Violation> violations, List<UsageKey> usage) {
        public boolean needsApproval() {
            return !violations.isEmpty();
        }
    }
}
