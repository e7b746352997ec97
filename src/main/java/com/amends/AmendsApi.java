package com.amends;

import com.amends.audit.AuditResource;
import com.amends.auth.ApiKeyResource;
import com.amends.auth.MeResource;
import com.amends.campaign.BatchView;
import com.amends.campaign.CampaignResource;
import com.amends.campaign.CampaignView;
import com.amends.event.EventResource;
import com.amends.event.EventType;
import com.amends.grant.CampaignMessage;
import com.amends.grant.GrantResource;
import com.amends.grant.GrantView;
import com.amends.hold.HoldResource;
import com.amends.hold.HoldView;
import com.amends.platform.openapi.OneOf;
import com.amends.platform.openapi.OpenApiDocument;
import com.amends.points.PointsExpiring;
import com.amends.points.PointsExpiry;
import com.amends.policy.BudgetResource;
import com.amends.policy.BudgetThreshold;
import com.amends.policy.PolicyResource;
import com.amends.privacy.CustomerErasureResource;
import com.amends.privacy.CustomerExportResource;
import com.amends.privacy.ErasureView;
import com.amends.reason.ReasonCodeResource;
import com.amends.redemption.PointsRedemptionResource;
import com.amends.redemption.RedemptionResource;
import com.amends.redemption.RedemptionView;
import com.amends.redemption.VoucherRedemptionResource;
import com.amends.report.ReportResource;
import com.amends.voucher.VoucherResource;
import com.amends.voucher.VoucherView;
import com.amends.wallet.WalletResource;
import com.amends.webhook.EventRedeliveryResource;
import com.amends.webhook.WebhookEndpointResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** What the API is made of, as its OpenAPI document describes it: the resources and the events' payloads. */
public final class AmendsApi {
    private AmendsApi() {}

    /**
     * The resource classes, also read by the OpenAPI document and its drift test, in the order the
     * document reads them: where two describe a shared schema differently, the later one's words
     * stay, and this is the order api-spec/openapi.yaml was made in.
     */
    public static final List<Class<?>> RESOURCES = List.of(AuditResource.class, ApiKeyResource.class,
            MeResource.class, CampaignResource.class, WalletResource.class, GrantResource.class, HoldResource.class,
            BudgetResource.class, PolicyResource.class, ReasonCodeResource.class,
            PointsRedemptionResource.class, RedemptionResource.class, VoucherRedemptionResource.class,
            ReportResource.class, VoucherResource.class, WebhookEndpointResource.class, EventRedeliveryResource.class,
            EventResource.class, CustomerExportResource.class, CustomerErasureResource.class);

    /**
     * What the audit trail records a change as: the operationId of each operation that is not a
     * read (a change runs through Commands under its operation's id).
     */
    public static Set<String> changeActions() {
        Set<String> actions = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            for (Method method : resource.getMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                if (operation != null && Stream.of(POST.class, PUT.class, PATCH.class, DELETE.class)
                        .anyMatch(method::isAnnotationPresent)) {
                    actions.add(operation.operationId());
                }
            }
        }
        return actions;
    }

    /** The operations' tags, one per domain, in the order a new integrator meets them. */
    public static final Map<String, String> TAGS = tags();

    private static Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("API keys", "Keys and their roles: who may call what. Every request carries one as a bearer token.");
        tags.put("Grants", "Points or a voucher given to a customer for a case, within an agent's limits or after a "
                + "supervisor's approval; revoked when given by mistake.");
        tags.put("Customers", "A customer's wallet (points, vouchers, goodwill received) and their ledger; everything "
                + "held about them, and their erasure on request.");
        tags.put("Vouchers", "Checking a voucher code at checkout before spending it.");
        tags.put("Holds", "Reserving points or voucher value while an order is in checkout, then capturing or "
                + "releasing it.");
        tags.put("Redemptions", "Spending points and vouchers on orders, and giving value back after a refund.");
        tags.put("Campaigns", "Proactive goodwill for everyone an incident affected: recipients in batches, each "
                + "credited once, with a preview of the cost.");
        tags.put("Reason codes", "The catalogue of reasons for goodwill, each with its category, suggested reward and "
                + "validity.");
        tags.put("Policies", "Limits per role and agent, the per-customer cap and the monthly budgets that decide "
                + "when a grant needs approval or is refused.");
        tags.put("Reports", "Finance: goodwill spend, liability, breakage, effectiveness, the journal export and "
                + "reconciliation of the books; JSON, or CSV with Accept: text/csv.");
        tags.put("Events", "What happened, as a feed to follow with a cursor; the same events webhooks deliver.");
        tags.put("Webhooks", "Endpoints that receive events, signed, with retries, redelivery and recovery.");
        tags.put("Audit", "Who changed what, when, with which key, in a hash chain that shows tampering.");
        return java.util.Collections.unmodifiableMap(tags);
    }

    private static Map<String, String> ordered(String variant, String field, String otherVariant, String otherField) {
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put(variant, field);
        choices.put(otherVariant, otherField);
        return choices;
    }

    /** The OpenAPI document: the resources, and the resource each event type carries in its data. */
    public static OpenAPI openApi() {
        Map<String, Class<?>> payloads = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            payloads.put(type.wire(), switch (type) {
                case GRANT_ISSUED, GRANT_PENDING_APPROVAL, GRANT_APPROVED, GRANT_REJECTED, GRANT_REVOKED,
                     GRANT_APPROVAL_EXPIRED -> GrantView.class;
                case VOUCHER_REDEEMED, POINTS_REDEEMED, REDEMPTION_REVERSED -> RedemptionView.class;
                case HOLD_CREATED, HOLD_CAPTURED, HOLD_RELEASED, HOLD_EXPIRED -> HoldView.class;
                case POINTS_EXPIRED -> PointsExpiry.class;
                case POINTS_EXPIRING_SOON -> PointsExpiring.class;
                case VOUCHER_EXPIRED, VOUCHER_EXPIRING_SOON -> VoucherView.class;
                case CAMPAIGN_BATCH_COMPLETED -> BatchView.class;
                case CAMPAIGN_COMPLETED -> CampaignView.class;
                case BUDGET_THRESHOLD_REACHED -> BudgetThreshold.class;
                case CUSTOMER_ERASED -> ErasureView.class;
            });
        }
        payloads.put("message", CampaignMessage.class);
        OpenAPI api = OpenApiDocument.build(new LinkedHashSet<>(RESOURCES), TAGS);
        // Points or a voucher, exactly one: a type of its own in every generated client.
        // Answers name the kind in type (read-only: a request leaves it out), which generated clients
        // need to tell the two apart.
        OneOf.byValue(api, "Reward", "type", ordered("PointsReward", "points", "VoucherReward", "voucher"),
                Map.of("PointsReward", List.of("points"), "VoucherReward", List.of("voucher")),
                Map.of("PointsReward", "Points", "VoucherReward", "A voucher"));
        OneOf.readOnly(api, "Reward", "type");
        // A voucher is worth an amount or a percentage off, told apart by its type.
        OneOf.byValue(api, "VoucherTerms", "type", ordered("AmountVoucherTerms", "amount", "PercentVoucherTerms", "percent"),
                Map.of("AmountVoucherTerms", List.of("value"), "PercentVoucherTerms", List.of("percent_off", "max_discount")),
                Map.of("AmountVoucherTerms", "A money value, spendable in parts",
                        "PercentVoucherTerms", "A percentage off one order, at most max_discount when given"));
        // A grant names its reward as points or a voucher at the top level, or neither to give the
        // reason code's suggested reward.
        Map<String, String> grants = ordered("PointsGrantRequest", "points", "VoucherGrantRequest", "voucher");
        grants.put("SuggestedRewardGrantRequest", null);
        OneOf.split(api, "CreateGrantRequest", grants, Map.of(
                "PointsGrantRequest", "A grant of points",
                "VoucherGrantRequest", "A grant of a voucher",
                "SuggestedRewardGrantRequest", "A grant of the reason code's suggested reward"));
        return OpenApiDocument.describePayloads(api, "Event", "data", payloads);
    }
}
