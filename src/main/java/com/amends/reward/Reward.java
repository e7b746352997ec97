package com.amends.reward;

import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.FieldError;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;

/** Points or a voucher: exactly one of the two. */
@Schema(name = "Reward", description = "Exactly one of points or voucher")
public record Reward(
        @Positive @Max(MAX_POINTS) @Schema(example = "500") Long points,
        @Valid VoucherTerms voucher) {

    public static final long MAX_POINTS = 100_000_000L;

    /**
     * Which of the two this is, in answers only (ignored when sent): a generated client tells the
     * two kinds apart by it, as it cannot by which field is present.
     */
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    @Schema(accessMode = Schema.AccessMode.READ_ONLY, allowableValues = {"points", "voucher"})
    public String type() {
        return points != null ? "points" : voucher != null ? "voucher" : null;
    }

    public void check(String prefix) {
        if ((points == null) == (voucher == null)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Give either points or a voucher, not both or neither",
                    List.of(new FieldError(prefix.isEmpty() ? "points" : prefix + "points",
                            "give either points or voucher, exactly one")), Map.of());
        }
        if (voucher != null) {
            voucher.check(prefix + "voucher.");
        }
    }
}
