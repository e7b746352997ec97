package com.amends.points;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** {@code points} points are worth {@code amount} minor units of a currency, e.g. 100 points = 100 cents. */
public record PointValue(@JsonProperty("points") @Min(1) long points, @JsonProperty("amount") @Min(0) long amount) {}
