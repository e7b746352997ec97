package com.amends.points;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Money;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What points are worth at checkout, per currency, from the configuration. */
public final class PointValues {
    private final Map<String, PointValue> rates;

    public PointValues(Map<String, PointValue> rates) {
        this.rates = new TreeMap<>(rates);
    }

    /** The money value of these points, rounded down to a whole minor unit. */
    public Money value(long points, String currency) {
        PointValue rate = rates.get(currency);
        if (rate == null) {
            throw ApiException.field(ErrorCode.CURRENCY_NOT_SUPPORTED, "currency",
                    "has no configured points value; configured: " + String.join(", ", rates.keySet()));
        }
        return new Money(Math.multiplyExact(points, rate.amount()) / rate.points(), currency);
    }

    /** The value of these points in each configured currency, in currency order. */
    public List<Money> values(long points) {
        return rates.keySet().stream().map(currency -> value(points, currency)).toList();
    }

    public void requireSupported(String currency) {
        value(0, currency);
    }
}
