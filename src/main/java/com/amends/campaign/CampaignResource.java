package com.amends.campaign;

import com.amends.auth.Caller;
import com.amends.auth.Role;
import com.amends.platform.BodySizeLimit;
import com.amends.platform.ErrorCode;
import com.amends.platform.Ids;
import com.amends.platform.Page;
import com.amends.platform.PageLimit;
import com.amends.platform.command.Change;
import com.amends.platform.command.Commands;
import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.idempotency.Outcome;
import com.amends.platform.openapi.Refusals;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

@Path("/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
public final class CampaignResource {
    private static final String CSV = "text/csv";
    private static final String CSV_BODY = "customer_id[,order_ref] a line; at most the server's body limit "
            + "(maxRequestBody, 2 MiB unless configured otherwise)";

    private final CampaignIntake intake;
    private final CampaignViews views;
    private final CampaignPreview previews;
    private final CampaignRevocation revocation;
    private final Commands commands;

    public CampaignResource(CampaignIntake intake, CampaignViews views, CampaignPreview previews,
                            CampaignRevocation revocation, Commands commands) {
        this.intake = intake;
        this.views = views;
        this.previews = previews;
        this.revocation = revocation;
        this.commands = commands;
    }

    @POST
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Operation(operationId = "createCampaign", summary = "Start a proactive campaign for one incident",
            responses = @ApiResponse(responseCode = "201", description = "The campaign",
                    content = @Content(schema = @Schema(implementation = CampaignView.class))))
    @Refusals({ErrorCode.REASON_CODE_UNKNOWN, ErrorCode.REASON_CODE_INACTIVE, ErrorCode.CURRENCY_MISMATCH})
    public Response create(@Auth Caller caller, @NotNull @Valid CreateCampaignRequest request) {
        return Response.status(201).entity(commands.run(
                Change.of("createCampaign", "campaign").request(request), tx -> intake.create(tx, caller, request))).build();
    }

    @GET
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "listCampaigns", summary = "List campaigns, newest first, with their counts and cost so far")
    @Refusals(ErrorCode.INVALID_CURSOR)
    public Page<CampaignView> list(
            @Auth Caller caller,
            @QueryParam("status") @Parameter(description = "Only open or only closed campaigns",
                    schema = @Schema(allowableValues = {"open", "closed"})) String status,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PageLimit.MAX) int limit,
            @QueryParam("cursor") @Size(max = 200) @Parameter(description = "next_cursor of the previous page")
            String cursor) {
        return views.list(CampaignStatus.fromQuery(status), limit, cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "getCampaign", summary = "A campaign with its counts and cost so far")
    @Refusals(ErrorCode.CAMPAIGN_NOT_FOUND)
    public CampaignView get(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        return views.get(id);
    }

    @POST
    @Path("/{id}/recipients")
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Operation(operationId = "addCampaignRecipients",
            summary = "Send up to 10,000 affected customers; each is credited at most once per campaign",
            description = "Batches of up to 1,000 rows are credited before the answer (201, with per-row results); "
                    + "larger ones in the background (202): follow GET /v1/campaigns/{id}/batches/{batch_id}. "
                    + "Also as text/csv: customer_id[,order_ref] a line, an optional header line first.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "The batch, credited",
                            content = @Content(schema = @Schema(implementation = BatchView.class))),
                    @ApiResponse(responseCode = "202", description = "The batch, queued for crediting",
                            content = @Content(schema = @Schema(implementation = BatchView.class)))})
    @Refusals({ErrorCode.CAMPAIGN_NOT_FOUND, ErrorCode.CAMPAIGN_CLOSED})
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecipientsRequest.class)),
            @Content(mediaType = CSV, schema = @Schema(type = "string", maxLength = BodySizeLimit.DEFAULT_MAX_BYTES,
                    description = CSV_BODY, example = "customer_id,order_ref\nshop-cust-42,order-981"))})
    public Response add(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                        @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                        @NotNull @Valid RecipientsRequest request) {
        return receive(caller, id, idempotencyKey, request.recipients());
    }

    @POST
    @Path("/{id}/recipients")
    @Consumes(CSV)
    @RolesAllowed(Role.SUPERVISOR_NAME)
    // Described with the JSON form: OpenAPI has one operation per path and method.
    @Hidden
    public Response addCsv(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                           @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey,
                           @NotNull String csv) {
        return receive(caller, id, idempotencyKey, RecipientsCsv.parse(csv));
    }

    private Response receive(Caller caller, String id, String idempotencyKey, List<Recipient> recipients) {
        return commands.runOnce(caller.keyId(), idempotencyKey, Change.of("addCampaignRecipients", "batch")
                .request(Map.of("campaign_id", id, "recipients", recipients)), tx -> {
                    // A small batch is credited in this same transaction: a retry is answered the credited batch.
                    BatchView batch = intake.receive(tx, id, recipients);
                    return new Outcome(batch.status().equals(BatchStatus.DONE.wire()) ? 201 : 202, batch);
                });
    }

    @GET
    @Path("/{id}/batches/{batch_id}")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.FINANCE_NAME})
    @Operation(operationId = "getCampaignBatch", summary = "A batch's counts, and its per-row results once done")
    @Refusals(ErrorCode.CAMPAIGN_NOT_FOUND)
    public BatchView batch(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id, @PathParam("batch_id") @Size(max = Ids.MAX_LENGTH) String batchId) {
        return views.batch(id, batchId);
    }

    @POST
    @Path("/{id}/preview")
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Operation(operationId = "previewCampaignRecipients",
            summary = "What a batch would do: new and already credited customers, cost, and the limits it would hit",
            description = "Takes the batch as JSON or as text/csv, as the recipients operation does.")
    @Refusals(ErrorCode.CAMPAIGN_NOT_FOUND)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecipientsRequest.class)),
            @Content(mediaType = CSV, schema = @Schema(type = "string", maxLength = BodySizeLimit.DEFAULT_MAX_BYTES,
                    description = CSV_BODY, example = "customer_id,order_ref\nshop-cust-42,order-981"))})
    public PreviewView preview(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                               @NotNull @Valid RecipientsRequest request) {
        return previews.preview(id, request.recipients());
    }

    @POST
    @Path("/{id}/preview")
    @Consumes(CSV)
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Hidden
    public PreviewView previewCsv(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id, @NotNull String csv) {
        return previews.preview(id, RecipientsCsv.parse(csv));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Operation(operationId = "closeCampaign", summary = "Take no more recipients")
    @Refusals(ErrorCode.CAMPAIGN_NOT_FOUND)
    public CampaignView close(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id) {
        return commands.run(Change.of("closeCampaign", "campaign").target(id), tx -> views.get(id),
                tx -> intake.close(tx, id));
    }

    @POST
    @Path("/{id}/revoke-unused")
    @RolesAllowed(Role.SUPERVISOR_NAME)
    @Operation(operationId = "revokeUnusedCampaignCredit",
            summary = "Close the campaign and revoke what nobody has spent of its grants, in the background",
            responses = @ApiResponse(responseCode = "202", description = "The campaign; its revocation shows the progress",
                    content = @Content(schema = @Schema(implementation = CampaignView.class))))
    @Refusals(ErrorCode.CAMPAIGN_NOT_FOUND)
    public Response revokeUnused(@Auth Caller caller, @PathParam("id") @Size(max = Ids.MAX_LENGTH) String id,
                                 @HeaderParam(Idempotency.HEADER) @Parameter(required = true) String idempotencyKey) {
        return commands.runOnce(caller.keyId(), idempotencyKey,
                Change.of("revokeUnusedCampaignCredit", "campaign").request(Map.of("campaign_id", id)),
                tx -> views.get(id), tx -> new Outcome(202, revocation.revokeUnused(tx, id)));
    }
}
