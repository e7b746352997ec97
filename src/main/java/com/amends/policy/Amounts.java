package com.amends.policy;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Money;
import java.math.BigDecimal;
import java.util.Currency;

/** Money in the one accounting currency every limit, cap and budget is kept in. */
public final class Amounts {
    private final String currency;

    public Amounts(String currency) {
        this.currency = currency;
    }

    public String currency() {
        return currency;
    }

    public Money money(Long amount) {
        return amount == null ? null : new Money(amount, currency);
    }

    /** An amount as people read it in messages, e.g. "20.00 EUR". */
    public String format(long amount) {
        return BigDecimal.valueOf(amount, Currency.getInstance(currency).getDefaultFractionDigits()).toPlainString()
                + " " + currency;
    }

    /** The amount of a setting sent by a client, refused when it is in another currency. */
    Long amount(Money money, String field) {
        if (money == null) {
            return null;
        }
        if (!money.currency().equals(currency)) {
            throw ApiException.field(ErrorCode.CURRENCY_MISMATCH, field + ".currency",
                    "must be " + currency + ", the currency controls are kept in");
        }
        return money.amount();
    }

    public BudgetView budgetView(Headroom.Room budget) {
        return new BudgetView(budget.scope(), budget.period(), money(budget.limit()), budget.hard() ? "hard" : "soft",
                money(budget.used()), money(budget.left()));
    }
}
