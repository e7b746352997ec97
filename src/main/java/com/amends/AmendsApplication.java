package com.amends;

import com.amends.audit.Audit;
import com.amends.audit.AuditChain;
import com.amends.audit.AuditRedaction;
import com.amends.audit.AuditResource;
import com.amends.audit.AuditTrail;
import com.amends.audit.RequestContextFilter;
import com.amends.audit.SealAuditTask;
import com.amends.auth.ApiKeyAuth;
import com.amends.auth.ApiKeyResource;
import com.amends.auth.ApiKeyService;
import com.amends.auth.CreateApiKeyTask;
import com.amends.auth.MeResource;
import com.amends.auth.OperatorKeys;
import com.amends.campaign.CampaignCrediting;
import com.amends.campaign.CampaignIntake;
import com.amends.campaign.CampaignPreview;
import com.amends.campaign.CampaignResource;
import com.amends.campaign.CampaignRevocation;
import com.amends.campaign.CampaignTask;
import com.amends.campaign.CampaignViews;
import com.amends.campaign.CampaignWorker;
import com.amends.console.Console;
import com.amends.customer.Customers;
import com.amends.event.EventResource;
import com.amends.event.Events;
import com.amends.expiry.Expiry;
import com.amends.expiry.ExpiryTask;
import com.amends.grant.CampaignCredits;
import com.amends.grant.GrantResource;
import com.amends.grant.GrantViews;
import com.amends.grant.Grants;
import com.amends.hold.HoldResource;
import com.amends.hold.Holds;
import com.amends.ledger.Ledger;
import com.amends.ledger.Reconciler;
import com.amends.platform.BodySizeLimit;
import com.amends.platform.CredentialMask;
import com.amends.platform.Database;
import com.amends.platform.DatabaseKind;
import com.amends.platform.H2Compaction;
import com.amends.platform.H2FileHealth;
import com.amends.platform.H2StoreValidator;
import com.amends.platform.Jobs;
import com.amends.platform.Ids;
import com.amends.platform.Json;
import com.amends.platform.MaskedRequestLog;
import com.amends.platform.Migrations;
import com.amends.platform.OneTransactionAtATime;
import com.amends.platform.ParamConverters;
import com.amends.platform.ProblemErrorHandler;
import com.amends.platform.ProblemMapper;
import com.amends.platform.SecurityHeaders;
import com.amends.platform.SlowClients;
import com.amends.platform.StrictQueryParameters;
import com.amends.platform.StatementCounter;
import com.amends.platform.Transactor;
import com.amends.platform.command.Commands;
import com.amends.platform.idempotency.Idempotency;
import com.amends.platform.ratelimit.RateLimitFilter;
import com.amends.platform.ratelimit.RateLimiter;
import com.amends.platform.openapi.ApiDocs;
import com.amends.platform.openapi.OpenApiDocument;
import com.amends.platform.openapi.OpenApiResource;
import com.amends.points.PointValues;
import com.amends.points.Points;
import com.amends.policy.Amounts;
import com.amends.policy.BudgetResource;
import com.amends.policy.Controls;
import com.amends.policy.GoodwillTotals;
import com.amends.policy.GrantTally;
import com.amends.policy.Judging;
import com.amends.policy.PolicyResource;
import com.amends.policy.PolicySettings;
import com.amends.privacy.CustomerErasureResource;
import com.amends.privacy.CustomerExport;
import com.amends.privacy.CustomerExportResource;
import com.amends.privacy.Erasures;
import com.amends.reason.ReasonCodeResource;
import com.amends.reason.ReasonCodes;
import com.amends.redemption.PointsRedemptionResource;
import com.amends.redemption.RedemptionResource;
import com.amends.redemption.Redemptions;
import com.amends.redemption.VoucherRedemptionResource;
import com.amends.report.DaySums;
import com.amends.report.EffectivenessReports;
import com.amends.report.JournalExport;
import com.amends.report.LiabilityReports;
import com.amends.report.ReportResource;
import com.amends.report.SpendReports;
import com.amends.report.SumDaysTask;
import com.amends.report.Valuation;
import com.amends.voucher.CodeGuessLimiter;
import com.amends.voucher.VoucherCodes;
import com.amends.voucher.VoucherExpiry;
import com.amends.voucher.VoucherIssuer;
import com.amends.voucher.VoucherResource;
import com.amends.voucher.Vouchers;
import com.amends.wallet.WalletResource;
import com.amends.wallet.Wallets;
import com.amends.webhook.WebhookSettings;
import com.amends.webhook.Webhooks;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** Wires the service: every object is built here, by constructor, and nothing is looked up. */
public class AmendsApplication extends Application<AmendsConfiguration> {
    /** A voucher code is a bearer credential: the access log shows a masked one. */
    private static final Pattern VOUCHER_CODE_IN_PATH = Pattern.compile("^/v1/vouchers/([^/]+)");
    /** A voucher code as answers show it, masked where it must not be read whole: audit records, finance's events. */
    static final CredentialMask VOUCHER_CODES =
            new CredentialMask(Pattern.compile("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}"), VoucherCodes::masked);

    private final Clock clock;
    /** What run() registered, for calling the endpoints' code in-process (the load benchmark's database ceiling). */
    private final List<Object> resources = new ArrayList<>();
    private ApiKeyService keys;

    public AmendsApplication() {
        this(systemClock());
    }

    /** Milliseconds are what the API shows and what both databases keep exactly. */
    static Clock systemClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
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

        DatabaseKind databaseKind = DatabaseKind.of(config.getDatabase().getUrl());
        ManagedDataSource dataSource = StatementCounter.wrap(
                H2StoreValidator.installOn(Database.readCommitted(config.getDatabase())).build(environment.metrics(), "database"),
                config.isCountStatements(), databaseKind, environment.metrics());
        Migrations.migrate(dataSource, databaseKind);
        Jdbi jdbi = Database.configure(new JdbiFactory().build(environment, config.getDatabase(), dataSource, "database"),
                databaseKind);
        OneTransactionAtATime.installOnH2(jdbi, databaseKind);
        Transactor transactor = new Transactor(jdbi);
        Ids ids = new Ids(clock);

        keys = new ApiKeyService(transactor, ids, clock, config.getApiKeyCache().toJavaDuration());
        Audit audit = new Audit(transactor, environment.getObjectMapper(), ids, clock, VOUCHER_CODES);
        WebhookSettings webhookSettings = config.getWebhooks();
        Webhooks webhooks = new Webhooks(webhookSettings, transactor, environment.getObjectMapper(), environment.metrics(),
                environment.lifecycle().executorService("amends-webhooks-%d")
                        .minThreads(webhookSettings.getWorkerThreads()).maxThreads(webhookSettings.getWorkerThreads())
                        .build(),
                ids, clock);
        // Every event owes its webhook deliveries, queued in the transaction that writes it.
        Events events = new Events(transactor, webhooks.deliveries(), VOUCHER_CODES, environment.getObjectMapper(), ids,
                clock);
        AuditChain auditChain = new AuditChain(transactor, clock);
        Idempotency idempotency = new Idempotency(transactor, environment.getObjectMapper(), clock,
                config.getIdempotencyRetention().toJavaDuration(), config.getIdempotencyLease().toJavaDuration());
        Commands commands = new Commands(transactor, idempotency, audit);
        Duration settingsCache = config.getSettingsCache().toJavaDuration();
        ReasonCodes reasons = new ReasonCodes(transactor, environment.getObjectMapper(), clock, settingsCache);
        Ledger ledger = new Ledger(transactor, ids, clock);
        Customers customers = new Customers(transactor, clock);
        Points points = new Points(transactor, ledger, events, customers, ids, clock);
        CodeGuessLimiter limiter = new CodeGuessLimiter(clock, config.getVoucherLookupFailures(),
                config.getVoucherLookupWindow().toJavaDuration());
        Vouchers vouchers = new Vouchers(transactor, ledger, events, ids, limiter, clock);
        VoucherIssuer voucherIssuer = new VoucherIssuer(transactor, ledger, ids, new VoucherCodes(new SecureRandom()), clock);
        PointValues pointValues = new PointValues(config.getPointValues());
        pointValues.requireSupported(config.getAccountingCurrency());
        GoodwillTotals goodwillTotals = new GoodwillTotals(transactor);
        Amounts amounts = new Amounts(config.getAccountingCurrency());
        Controls controls = new Controls(transactor, goodwillTotals, settingsCache, clock);
        GrantTally tally = new GrantTally(transactor, goodwillTotals, controls, events, amounts, ids);
        Judging judging = new Judging(controls, tally, goodwillTotals, pointValues, amounts, clock);
        PolicySettings policies = new PolicySettings(transactor, controls, amounts, clock);
        GrantViews grantViews = new GrantViews(vouchers, judging, environment.getObjectMapper());
        Grants grants = new Grants(transactor, reasons, customers, points, vouchers, voucherIssuer, judging, tally,
                grantViews, events, environment.getObjectMapper(), ids, clock, config.getApprovalTimeout().toJavaDuration());
        CampaignCredits campaignCredits = new CampaignCredits(transactor, points, voucherIssuer, tally, grantViews, events,
                environment.getObjectMapper(), ids, clock);
        Redemptions redemptions = new Redemptions(transactor, ledger, points, pointValues, vouchers, events, ids, clock);
        Holds holds = new Holds(transactor, ledger, points, vouchers, redemptions, events, ids, clock);
        CampaignViews campaignViews = new CampaignViews(transactor, vouchers, environment.getObjectMapper(),
                config.getAccountingCurrency());
        CampaignCrediting crediting = new CampaignCrediting(transactor, customers, campaignCredits, tally, campaignViews,
                events, environment.getObjectMapper(), clock);
        CampaignIntake campaignIntake = new CampaignIntake(transactor, reasons, crediting, campaignViews, judging,
                environment.getObjectMapper(), ids, clock);
        CampaignRevocation campaignRevocation = new CampaignRevocation(transactor, grants, campaignCredits, campaignViews, clock);
        CampaignPreview campaignPreview = new CampaignPreview(campaignViews, campaignCredits, tally, amounts, clock);
        CampaignWorker campaignWorker = new CampaignWorker(transactor, crediting, campaignRevocation, clock);
        VoucherExpiry voucherExpiry = new VoucherExpiry(transactor, vouchers, ledger, events, clock);
        Expiry expiry = new Expiry(transactor, holds, points, voucherExpiry, grants, clock,
                config.getApprovalTimeout().toJavaDuration(), config.getExpiryWarning().toJavaDuration());

        ProblemErrorHandler errors = new ProblemErrorHandler(environment.getObjectMapper());
        environment.getApplicationContext().setErrorHandler(errors);
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(errors));

        MaskedRequestLog.install(config.getServerFactory(), environment, VOUCHER_CODE_IN_PATH, VoucherCodes::masked);
        SlowClients.protect(environment, config.getConnections(), config.getMaxRequestBody().toBytes());

        var jersey = environment.jersey();
        ProblemMapper problems = new ProblemMapper(clock);
        jersey.register(problems);
        jersey.register(new ProblemMapper.Validation(problems));
        jersey.register(new BodySizeLimit(config.getMaxRequestBody().toBytes()));
        jersey.register(new ParamConverters());
        jersey.register(new StrictQueryParameters());
        ApiKeyAuth.register(jersey, keys);
        jersey.register(new RequestContextFilter());
        jersey.register(new RateLimitFilter(new RateLimiter(clock), config.getRateLimits()));
        jersey.register(new SecurityHeaders());
        register(jersey, new ApiKeyResource(keys, commands));
        environment.admin().addTask(new CreateApiKeyTask(new OperatorKeys(keys, commands)));
        register(jersey, new ReasonCodeResource(reasons, commands));
        register(jersey, new GrantResource(grants, commands));
        Wallets wallets = new Wallets(customers, points, vouchers, goodwillTotals, judging, pointValues, clock);
        register(jersey, new WalletResource(wallets, customers, ledger));
        register(jersey, new VoucherResource(vouchers));
        register(jersey, new VoucherRedemptionResource(redemptions, commands));
        register(jersey, new PointsRedemptionResource(redemptions, commands));
        register(jersey, new RedemptionResource(redemptions, commands));
        register(jersey, new HoldResource(holds, commands));
        register(jersey, new CampaignResource(campaignIntake, campaignViews, campaignPreview, campaignRevocation, commands));
        environment.admin().addTask(new CampaignTask(campaignWorker));
        register(jersey, new PolicyResource(policies, commands));
        register(jersey, new BudgetResource(policies, clock, commands));
        Duration approvalTimeout = config.getApprovalTimeout().toJavaDuration();
        DaySums daySums = new DaySums(transactor, clock, approvalTimeout);
        Valuation valuation = new Valuation(pointValues, config.getAccountingCurrency());
        register(jersey, new ReportResource(new SpendReports(transactor, daySums, valuation),
                new LiabilityReports(transactor, daySums, valuation),
                new EffectivenessReports(transactor, valuation, approvalTimeout),
                new JournalExport(transactor), new Reconciler(transactor, clock), clock));
        environment.admin().addTask(new SumDaysTask(daySums));
        environment.admin().addTask(new ExpiryTask(expiry));
        register(jersey, new AuditResource(new AuditTrail(transactor, environment.getObjectMapper()), auditChain,
                AmendsApi.changeActions()));
        environment.admin().addTask(new SealAuditTask(auditChain));

        register(jersey, new CustomerExportResource(new CustomerExport(transactor, environment.getObjectMapper(), clock),
                wallets));
        register(jersey, new CustomerErasureResource(new Erasures(transactor, customers, holds, grants, events,
                new AuditRedaction(transactor, auditChain), config.getPseudonymKey(), environment.getObjectMapper(),
                clock).prepare(), commands));

        register(jersey, new MeResource());
        register(jersey, new EventResource(events));

        register(jersey, webhooks.endpointResource(commands));
        register(jersey, webhooks.redeliveryResource(commands));
        environment.admin().addTask(webhooks.task());

        Console.serve(environment, config.getConsole());

        OpenAPI api = AmendsApi.openApi();
        register(jersey, new OpenApiResource(OpenApiDocument.json(api), OpenApiDocument.yaml(api)));
        ApiDocs.serve(environment);

        Jobs jobs = new Jobs(environment.lifecycle(), clock);
        jobs.every("idempotency purge", Duration.ofMinutes(1), Duration.ofHours(1), idempotency::purgeExpired);
        Duration eventRetention = config.getEventRetention().toJavaDuration();
        jobs.every("event pruning", Duration.ofMinutes(5), Duration.ofHours(1), () -> events.prune(eventRetention));
        jobs.every("expiry", config.getExpiryInterval().toJavaDuration(), expiry::run);
        jobs.every("audit sealer", config.getAuditSealInterval().toJavaDuration(), auditChain::seal);
        H2FileHealth.on(databaseKind, transactor).ifPresent(check -> environment.healthChecks().register("h2File", check));
        H2Compaction.on(databaseKind, transactor).ifPresent(compaction -> {
            compaction.registerGauges(environment.metrics());
            jobs.every("H2 compaction", config.getH2CompactionInterval().toJavaDuration(), compaction::run);
        });
        // After a long pause its first run sums many days; expiry and sealing should not wait for that.
        jobs.everyOnItsOwnThread("day sums", config.getDaySumsInterval().toJavaDuration(), daySums::sumClosedDays);
        jobs.everyOnItsOwnThread("campaigns", config.getCampaignWorkerInterval().toJavaDuration(),
                () -> campaignWorker.run(-1));
        // A pass lasts while sends are in flight.
        jobs.everyOnItsOwnThread("webhook worker", webhookSettings.getWorkerInterval().toJavaDuration(),
                webhooks::deliverDue);
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
}
