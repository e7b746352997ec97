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
import com.amends.platform.openapi.OpenApiDocument;
import com.amends.points.PointsExpiring;
import com.amends.points.PointsExpiry;
import com.amends.policy.BudgetResource;
import com.amends.policy.BudgetThreshold;
import com.amends.policy.PolicyResource;
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
            EventResource.class);

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
            });
        }
        payloads.put("message", CampaignMessage.class);
        return OpenApiDocument.describePayloads(OpenApiDocument.build(new LinkedHashSet<>(RESOURCES)), "Event", "data",
                payloads);
    }
}
