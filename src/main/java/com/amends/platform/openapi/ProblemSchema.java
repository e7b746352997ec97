package com.amends.platform.openapi;

import com.amends.platform.ErrorCode;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code Problem} schema, written out rather than read from the class: its {@code code} is
 * an enum of the stable codes, and the extension members some problems carry (read by the
 * mapper from a map) are described one by one, so that a client knows every key it may meet.
 */
final class ProblemSchema {
    private ProblemSchema() {}

    static Schema<?> build() {
        Schema<?> problem = new Schema<>().type("object")
                .description("RFC 9457 problem details with a stable machine code. Besides the standard members a "
                        + "problem may carry the extension members listed here, each only with the codes named in its "
                        + "description.")
                .required(List.of("type", "title", "status", "code"));
        problem.addProperty("type", new StringSchema().maxLength(200)
                .description("urn:amends:problem: followed by the code").example("urn:amends:problem:insufficient_balance"));
        problem.addProperty("title", new StringSchema().maxLength(200)
                .description("The code's fixed title").example("The balance is not sufficient"));
        problem.addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
                .maximum(java.math.BigDecimal.valueOf(599)).description("The HTTP status").example(422));
        problem.addProperty("code", new StringSchema()._enum(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList())
                .description("Stable machine code; branch on this").example("insufficient_balance"));
        problem.addProperty("detail", new StringSchema()
                .description("What went wrong in this case, for a person").example("The voucher has 300 EUR minor units "
                        + "left, 500 were asked for"));
        problem.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                .description("Per-field errors: validation_failed, and some invalid_parameter"));
        problem.addProperty("earlier_grant_id", new StringSchema()
                .description("already_compensated: the grant that compensated the case").example("grt_01JDQ3Z6M0N5X2K8R4T7V9W1YB"));
        problem.addProperty("available_points", new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)
                .description("insufficient_points: the points the customer has").example(120));
        problem.addProperty("retry_after_seconds", new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)
                .description("too_many_failed_lookups, rate_limited, service_unavailable: seconds to wait, as in the "
                        + "Retry-After header").example(60));
        problem.addProperty("scope", new StringSchema()
                .description("budget_exhausted: overall, or the reason category whose budget is spent").example("shipping"));
        problem.addProperty("limit", new Schema<>().allOf(List.of(new Schema<>().$ref("#/components/schemas/Money")))
                .description("budget_exhausted: the budget"));
        problem.addProperty("value", new Schema<>().allOf(List.of(new Schema<>().$ref("#/components/schemas/Money")))
                .description("budget_exhausted: what is committed in it, with this grant"));
        problem.addProperty("reference", new StringSchema()
                .description("internal_error: quote it to the team running the server; it names the log line")
                .example("0b6c1d5e-2f43-4e8a-9d1c-7a5b3e2f1c90"));
        return problem;
    }
}
