package com.amends;

import com.amends.audit.Audit;
import com.amends.audit.AuditChain;
import com.amends.audit.AuditResource;
import com.amends.audit.AuditTrail;
import com.amends.audit.RequestContextFilter;
import com.amends.audit.SealAuditTask;
import com.amends.auth.ApiKeyAuth;
import com.amends.auth.ApiKeyResource;
import com.amends.auth.ApiKeyService;
import com.amends.auth.CreateApiKeyCommand;
import com.amends.auth.MeResource;
import com.amends.campaign.CampaignResource;
import com.amends.campaign.CampaignTask;
import com.amends.campaign.CampaignWorker;
import com.amends.campaign.CampaignCrediting;
import com.amends.campaign.CampaignIntake;
import com.amends.campaign.CampaignPreview;
import com.amends.campaign.CampaignRevocation;
import com.amends.campaign.CampaignViews;
import com.amends.customer.CustomerResource;
import com.amends.customer.Customers;
import com.amends.grant.GrantResource;
import com.amends.expiry.Expiry;
import com.amends.expiry.ExpiryTask;
import com.amends.grant.CampaignCredits;
import com.amends.grant.Grants;
import com.amends.hold.HoldResource;
import com.amends.hold.Holds;
import com.amends.ledger.Ledger;
import com.amends.ledger.Reconciler;
import com.amends.ledger.ReconciliationResource;
import com.amends.platform.BodySizeLimit;
import com.amends.platform.Database;
import com.amends.platform.H2Compaction;
import com.amends.platform.Ids;
import com.amends.platform.Json;
import com.amends.platform.MaskedRequestLog;
import com.amends.platform.Migrations;
import com.amends.platform.OneTransactionAtATime;
import com.amends.platform.ParamConverters;
import com.amends.platform.ProblemErrorHandler;
import com.amends.platform.ProblemMapper;
import com.amends.platform.StrictQueryParameters;
import com.amends.platform.Transactor;
import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.openapi.OpenApiDocument;
import com.amends.platform.openapi.OpenApiResource;
import com.amends.points.PointValues;
import com.amends.policy.BudgetResource;
import com.amends.policy.GoodwillTotals;
import com.amends.policy.Amounts;
import com.amends.policy.Controls;
import com.amends.policy.GrantTally;
import com.amends.policy.Judging;
import com.amends.policy.PolicySettings;
import com.amends.policy.PolicyResource;
import com.amends.points.Points;
import com.amends.redemption.PointsRedemptionResource;
import com.amends.redemption.RedemptionResource;
import com.amends.redemption.VoucherRedemptionResource;
import com.amends.redemption.Redemptions;
import com.amends.reason.ReasonCodeResource;
import com.amends.report.DaySums;
import com.amends.report.ReportResource;
import com.amends.report.Reports;
import com.amends.reason.ReasonCodes;
import com.amends.voucher.CodeGuessLimiter;
import com.amends.voucher.VoucherCodes;
import com.amends.voucher.VoucherResource;
import com.amends.voucher.Vouchers;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.swagger.v3.oas.models.OpenAPI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/** Wires the service: every object is built here, by constructor, and nothing is looked up. */
public class AmendsApplication extends Application<AmendsConfiguration> {
    /** The resource classes, also read by the OpenAPI document and its drift test. */
    public static final List<Class<?>> RESOURCES = List.of(ApiKeyResource.class, ReasonCodeResource.class,
            GrantResource.class, CustomerResource.class, VoucherResource.class, VoucherRedemptionResource.class,
            PointsRedemptionResource.class, RedemptionResource.class,
            HoldResource.class, PolicyResource.class, BudgetResource.class, CampaignResource.class, ReconciliationResource.class,
            ReportResource.class, AuditResource.class, MeResource.class);

    private final Clock clock;
    /** What run() registered, for calling the endpoints' code in-process (the load benchmark's database ceiling). */
    private final List<Object> resources = new ArrayList<>();
    private ApiKeyService keys;

    public AmendsApplication() {
        // Milliseconds are what the API shows and what both databases keep exactly.
        this(Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1)));
    }

    public AmendsApplication(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        new AmendsApplication().run(args);
    }

    @Override
    public String getName() {
        return "amends";
    }

    @Override
    public void initialize(Bootstrap<AmendsConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new CreateApiKeyCommand());
        bootstrap.getObjectMapper().registerModule(Json.strings());
    }

    @Override
    public void run(AmendsConfiguration config, Environment environment) {
        // The configuration is parsed by now; from here on the mapper speaks the API's JSON.
        Json.configure(environment.getObjectMapper());
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }

        ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "database");
        Migrations.migrate(dataSource);
        Jdbi jdbi = Database.configure(new JdbiFactory().build(environment, config.getDatabase(), dataSource, "database"),
                config.getDatabase().getUrl());
        OneTransactionAtATime.installOnH2(jdbi, config.getDatabase().getUrl());
        Transactor tx = new Transactor(jdbi);
        Ids ids = new Ids(clock);

        keys = new ApiKeyService(tx, ids, clock, config.getApiKeyCache().toJavaDuration());
        Audit audit = new Audit(tx, environment.getObjectMapper(), ids, clock);
        AuditChain auditChain = new AuditChain(tx, clock);
        Idempotency idempotency = new Idempotency(tx, environment.getObjectMapper(), clock,
                config.getIdempotencyRetention().toJavaDuration(), config.getIdempotencyLease().toJavaDuration(), audit);
        ReasonCodes reasons = new ReasonCodes(tx, environment.getObjectMapper(), clock);
        Ledger ledger = new Ledger(tx, ids, clock);
        Customers customers = new Customers(tx, clock);
        Points points = new Points(tx, ledger, ids, clock);
        CodeGuessLimiter limiter = new CodeGuessLimiter(clock, config.getVoucherLookupFailures(),
                config.getVoucherLookupWindow().toJavaDuration());
        Vouchers vouchers = new Vouchers(tx, ledger, ids, new VoucherCodes(new SecureRandom()), limiter, clock);
        PointValues pointValues = new PointValues(config.getPointValues());
        pointValues.requireSupported(config.getAccountingCurrency());
        GoodwillTotals goodwillTotals = new GoodwillTotals(tx);
        Amounts amounts = new Amounts(config.getAccountingCurrency());
        Controls controls = new Controls(tx, goodwillTotals);
        GrantTally tally = new GrantTally(tx, goodwillTotals, controls, ids);
        Judging judging = new Judging(controls, tally, goodwillTotals, pointValues, amounts, clock);
        PolicySettings policies = new PolicySettings(tx, controls, amounts, clock);
        Grants grants = new Grants(tx, reasons, customers, points, vouchers, judging, tally, goodwillTotals,
                environment.getObjectMapper(), ids, clock, config.getApprovalTimeout().toJavaDuration());
        CampaignCredits campaignCredits = new CampaignCredits(tx, points, vouchers, tally, environment.getObjectMapper(),
                ids, clock);
        Redemptions redemptions = new Redemptions(tx, ledger, points, pointValues, vouchers, customers, ids, clock);
        Holds holds = new Holds(tx, ledger, points, vouchers, redemptions, customers, ids, clock);
        CampaignViews campaignViews = new CampaignViews(tx, vouchers, environment.getObjectMapper(),
                config.getAccountingCurrency());
        CampaignCrediting crediting = new CampaignCrediting(tx, customers, campaignCredits, tally,
                environment.getObjectMapper(), clock);
        CampaignIntake campaignIntake = new CampaignIntake(tx, reasons, crediting, campaignViews, judging,
                environment.getObjectMapper(), ids, clock);
        CampaignRevocation campaignRevocation = new CampaignRevocation(tx, grants, campaignCredits, campaignViews, clock);
        CampaignPreview campaignPreview = new CampaignPreview(campaignViews, campaignCredits, tally, amounts, clock);
        CampaignWorker campaignWorker = new CampaignWorker(tx, crediting, campaignRevocation, clock);
        Expiry expiry = new Expiry(tx, holds, points, vouchers, grants, clock,
                config.getApprovalTimeout().toJavaDuration());

        ProblemErrorHandler errors = new ProblemErrorHandler(environment.getObjectMapper());
        environment.getApplicationContext().setErrorHandler(errors);
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(errors));

        MaskedRequestLog.install(config.getServerFactory(), environment);

        var jersey = environment.jersey();
        jersey.register(new ProblemMapper());
        jersey.register(new ProblemMapper.Validation());
        jersey.register(new BodySizeLimit(config.getMaxRequestBody().toBytes()));
        jersey.register(new ParamConverters());
        jersey.register(new StrictQueryParameters());
        ApiKeyAuth.register(jersey, keys);
        jersey.register(new RequestContextFilter());
        register(jersey, new ApiKeyResource(keys, audit));
        register(jersey, new ReasonCodeResource(reasons, audit));
        register(jersey, new GrantResource(grants, idempotency));
        register(jersey, new CustomerResource(customers, points, vouchers, grants, ledger, clock));
        register(jersey, new VoucherResource(vouchers));
        register(jersey, new VoucherRedemptionResource(redemptions, idempotency));
        register(jersey, new PointsRedemptionResource(redemptions, idempotency));
        register(jersey, new RedemptionResource(redemptions, idempotency));
        register(jersey, new HoldResource(holds, idempotency));
        register(jersey, new CampaignResource(campaignIntake, campaignViews, campaignPreview, campaignRevocation,
                idempotency, audit));
        environment.admin().addTask(new CampaignTask(campaignWorker));
        register(jersey, new PolicyResource(policies, audit));
        register(jersey, new BudgetResource(policies, clock, audit));
        register(jersey, new ReconciliationResource(new Reconciler(tx, clock)));
        register(jersey, new ReportResource(new Reports(jdbi, new DaySums(tx, clock), pointValues,
                config.getAccountingCurrency()), clock));
        environment.admin().addTask(new ExpiryTask(expiry));
        register(jersey, new AuditResource(new AuditTrail(tx, environment.getObjectMapper()), auditChain));
        environment.admin().addTask(new SealAuditTask(auditChain));

        register(jersey, new MeResource());

        OpenAPI api = OpenApiDocument.build(new LinkedHashSet<>(RESOURCES));
        register(jersey, new OpenApiResource(OpenApiDocument.json(api), OpenApiDocument.yaml(api)));

        var jobs = environment.lifecycle().scheduledExecutorService("amends-jobs").threads(1).build();
        jobs.scheduleWithFixedDelay(() -> runQuietly("idempotency purge", idempotency::purgeExpired),
                1, 60, TimeUnit.MINUTES);
        long expiryEvery = config.getExpiryInterval().toMilliseconds();
        jobs.scheduleWithFixedDelay(() -> runQuietly("expiry", expiry::run), expiryEvery, expiryEvery, TimeUnit.MILLISECONDS);
        long sealEvery = config.getAuditSealInterval().toMilliseconds();
        jobs.scheduleWithFixedDelay(() -> runQuietly("audit sealer", auditChain::seal), sealEvery, sealEvery,
                TimeUnit.MILLISECONDS);
        long compactEvery = config.getH2CompactionInterval().toMilliseconds();
        H2Compaction.forUrl(jdbi, config.getDatabase().getUrl()).ifPresent(compaction -> jobs.scheduleWithFixedDelay(
                () -> runQuietly("H2 compaction", compaction::run), compactEvery, compactEvery, TimeUnit.MILLISECONDS));
        long campaignsEvery = config.getCampaignWorkerInterval().toMilliseconds();
        environment.lifecycle().scheduledExecutorService("amends-campaigns").threads(1).build()
                .scheduleWithFixedDelay(() -> runQuietly("campaign worker", () -> campaignWorker.run(-1)),
                        campaignsEvery, campaignsEvery, TimeUnit.MILLISECONDS);
    }

    private void register(io.dropwizard.jersey.setup.JerseyEnvironment jersey, Object resource) {
        resources.add(resource);
        jersey.register(resource);
    }

    /** The instance of a resource class that {@link #run} registered. */
    public <T> T resource(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " is not registered"));
    }

    /** How requests are authenticated, with the key cache they share. */
    public ApiKeyService keys() {
        return keys;
    }

    /** A periodic job that throws is never run again by its executor; log and carry on instead. */
    private static void runQuietly(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(AmendsApplication.class).warn("{} failed; it runs again at its next turn", job, e);
        }
    }
}
