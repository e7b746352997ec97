package com.amends;

import com.amends.auth.RateLimitSettings;
import com.amends.console.ConsoleSettings;
import com.amends.points.PointValue;
import com.amends.webhook.WebhookSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

public class AmendsConfiguration extends Configuration {
    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    /** Bodies above this are refused with 413 before they are read. */
    @NotNull
    private DataSize maxRequestBody = DataSize.bytes(com.amends.platform.BodySizeLimit.DEFAULT_MAX_BYTES);

    /** What slow clients may hold: connections at once, the time a body may take, the memory bodies may hold. */
    @Valid
    @NotNull
    private com.amends.platform.ConnectionSettings connections = new com.amends.platform.ConnectionSettings();

    @JsonProperty
    public com.amends.platform.ConnectionSettings getConnections() {
        return connections;
    }

    @JsonProperty
    public void setConnections(com.amends.platform.ConnectionSettings connections) {
        this.connections = connections;
    }

    /** How long an Idempotency-Key's answer is kept for retries. */
    @NotNull
    private Duration idempotencyRetention = Duration.hours(24);

    /** How long a request owns its Idempotency-Key before a retry may take it over (the owner died). */
    @NotNull
    private Duration idempotencyLease = Duration.seconds(60);

    /** What points are worth per currency; 100 points = 1.00 EUR unless configured otherwise. */
    @NotNull
    private Map<String, @Valid PointValue> pointValues = Map.of("EUR", new PointValue(100, 100));

    /** The currency limits, caps and budgets are kept in; points are valued in it by pointValues. */
    @NotNull
    @jakarta.validation.constraints.Pattern(regexp = "[A-Z]{3}")
    private String accountingCurrency = "EUR";

    /** How webhooks are sent: timeouts, retries, the signing secrets' overlap, the delivery workers. */
    @Valid
    @NotNull
    private WebhookSettings webhooks = new WebhookSettings();

    @JsonProperty
    public WebhookSettings getWebhooks() {
        return webhooks;
    }

    @JsonProperty
    public void setWebhooks(WebhookSettings webhooks) {
        this.webhooks = webhooks;
    }

    /** Each API key's rate limit by role, and the lower one of expensive reads; counted per instance. */
    @Valid
    @NotNull
    private RateLimitSettings rateLimits = new RateLimitSettings();

    @JsonProperty
    public RateLimitSettings getRateLimits() {
        return rateLimits;
    }

    @JsonProperty
    public void setRateLimits(RateLimitSettings rateLimits) {
        this.rateLimits = rateLimits;
    }

    /** The web console at /console/: which helpdesks may frame its sidebar. */
    @Valid
    @NotNull
    private ConsoleSettings console = new ConsoleSettings();

    @JsonProperty
    public ConsoleSettings getConsole() {
        return console;
    }

    @JsonProperty
    public void setConsole(ConsoleSettings console) {
        this.console = console;
    }

    /** How often each instance looks for campaign batches to credit in the background. */
    @NotNull
    private Duration campaignWorkerInterval = Duration.seconds(1);

    @JsonProperty
    public Duration getCampaignWorkerInterval() {
        return campaignWorkerInterval;
    }

    @JsonProperty
    public void setCampaignWorkerInterval(Duration campaignWorkerInterval) {
        this.campaignWorkerInterval = campaignWorkerInterval;
    }

    /**
     * The secret of erased customers' pseudonyms (an HMAC key); kept out of the database so that a
     * copy of it cannot tell which id a pseudonym stands for. Empty: a key kept in the database.
     */
    private String pseudonymKey;

    @JsonProperty
    public String getPseudonymKey() {
        return pseudonymKey;
    }

    @JsonProperty
    public void setPseudonymKey(String pseudonymKey) {
        this.pseudonymKey = pseudonymKey;
    }

    /** How often committed audit events are sealed into the hash chain. */
    @NotNull
    private Duration auditSealInterval = Duration.seconds(1);

    @JsonProperty
    public Duration getAuditSealInterval() {
        return auditSealInterval;
    }

    @JsonProperty
    public void setAuditSealInterval(Duration auditSealInterval) {
        this.auditSealInterval = auditSealInterval;
    }

    /** How often an H2 file's old chunks are compacted so that their space is reused (not on PostgreSQL). */
    @NotNull
    private Duration h2CompactionInterval = Duration.seconds(1);

    @JsonProperty
    public Duration getH2CompactionInterval() {
        return h2CompactionInterval;
    }

    @JsonProperty
    public void setH2CompactionInterval(Duration h2CompactionInterval) {
        this.h2CompactionInterval = h2CompactionInterval;
    }

    /** How often each instance sums the UTC days that have closed, for the reports to read. */
    @NotNull
    private Duration daySumsInterval = Duration.minutes(1);

    @JsonProperty
    public Duration getDaySumsInterval() {
        return daySumsInterval;
    }

    @JsonProperty
    public void setDaySumsInterval(Duration daySumsInterval) {
        this.daySumsInterval = daySumsInterval;
    }

    /** A grant waiting for approval longer than this expires. */
    @NotNull
    private Duration approvalTimeout = Duration.hours(72);

    /** How long before a points lot or a voucher expires its owner is told (once, by an event). */
    @NotNull
    private Duration expiryWarning = Duration.days(7);

    /** Events are kept at least this long; older ones are pruned once no delivery waits for them. */
    @NotNull
    private Duration eventRetention = Duration.days(30);

    @JsonProperty
    public Duration getExpiryWarning() {
        return expiryWarning;
    }

    @JsonProperty
    public void setExpiryWarning(Duration expiryWarning) {
        this.expiryWarning = expiryWarning;
    }

    @JsonProperty
    public Duration getEventRetention() {
        return eventRetention;
    }

    @JsonProperty
    public void setEventRetention(Duration eventRetention) {
        this.eventRetention = eventRetention;
    }

    @JsonProperty
    public String getAccountingCurrency() {
        return accountingCurrency;
    }

    @JsonProperty
    public void setAccountingCurrency(String accountingCurrency) {
        this.accountingCurrency = accountingCurrency;
    }

    @JsonProperty
    public Duration getApprovalTimeout() {
        return approvalTimeout;
    }

    @JsonProperty
    public void setApprovalTimeout(Duration approvalTimeout) {
        this.approvalTimeout = approvalTimeout;
    }

    /** Unknown voucher codes one API key may look up per window before it gets 429. */
    @Min(1)
    private int voucherLookupFailures = 5;

    @NotNull
    private Duration voucherLookupWindow = Duration.seconds(5);

    /**
     * How long an instance keeps the row of an API key in use, so that most requests read no
     * key; a key revoked on another instance is refused here within this time. 0 turns it off.
     */
    @NotNull
    private Duration apiKeyCache = Duration.seconds(2);

    /**
     * How long an instance keeps reason codes and the controls' settings (limits, the customer
     * cap, budgets; not what is used under them), so that a grant reads none of them; a change
     * made through another instance applies here within this time. 0 turns it off.
     */
    @NotNull
    private Duration settingsCache = Duration.seconds(2);

    /** Counts the statements and commits sent to the database, as metrics (see StatementCounter); for benchmarks. */
    private boolean countStatements;

    /** How often each instance looks for lots, vouchers and holds past their time. */
    @NotNull
    private Duration expiryInterval = Duration.minutes(1);

    @JsonProperty
    public Map<String, PointValue> getPointValues() {
        return pointValues;
    }

    @JsonProperty
    public void setPointValues(Map<String, PointValue> pointValues) {
        this.pointValues = pointValues;
    }

    @JsonProperty
    public int getVoucherLookupFailures() {
        return voucherLookupFailures;
    }

    @JsonProperty
    public void setVoucherLookupFailures(int voucherLookupFailures) {
        this.voucherLookupFailures = voucherLookupFailures;
    }

    @JsonProperty
    public Duration getVoucherLookupWindow() {
        return voucherLookupWindow;
    }

    @JsonProperty
    public void setVoucherLookupWindow(Duration voucherLookupWindow) {
        this.voucherLookupWindow = voucherLookupWindow;
    }

    @JsonProperty
    public Duration getApiKeyCache() {
        return apiKeyCache;
    }

    @JsonProperty
    public void setApiKeyCache(Duration apiKeyCache) {
        this.apiKeyCache = apiKeyCache;
    }

    @JsonProperty
    public Duration getSettingsCache() {
        return settingsCache;
    }

    @JsonProperty
    public void setSettingsCache(Duration settingsCache) {
        this.settingsCache = settingsCache;
    }

    @JsonProperty
    public boolean isCountStatements() {
        return countStatements;
    }

    @JsonProperty
    public void setCountStatements(boolean countStatements) {
        this.countStatements = countStatements;
    }

    @JsonProperty
    public Duration getExpiryInterval() {
        return expiryInterval;
    }

    @JsonProperty
    public void setExpiryInterval(Duration expiryInterval) {
        this.expiryInterval = expiryInterval;
    }

    @JsonProperty
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty
    public DataSize getMaxRequestBody() {
        return maxRequestBody;
    }

    @JsonProperty
    public void setMaxRequestBody(DataSize maxRequestBody) {
        this.maxRequestBody = maxRequestBody;
    }

    @JsonProperty
    public Duration getIdempotencyRetention() {
        return idempotencyRetention;
    }

    @JsonProperty
    public void setIdempotencyRetention(Duration idempotencyRetention) {
        this.idempotencyRetention = idempotencyRetention;
    }

    @JsonProperty
    public Duration getIdempotencyLease() {
        return idempotencyLease;
    }

    @JsonProperty
    public void setIdempotencyLease(Duration idempotencyLease) {
        this.idempotencyLease = idempotencyLease;
    }
}
