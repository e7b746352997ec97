package com.amends;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class AmendsConfiguration extends Configuration {
    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    /** Bodies above this are refused with 413 before they are read. */
    @NotNull
    private DataSize maxRequestBody = DataSize.megabytes(2);

    /** How long an Idempotency-Key's answer is kept for retries. */
    @NotNull
    private Duration idempotencyRetention = Duration.hours(24);

    /** How long a request owns its Idempotency-Key before a retry may take it over (the owner died). */
    @NotNull
    private Duration idempotencyLease = Duration.seconds(60);

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
