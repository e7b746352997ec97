package com.amends.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** What slow or idle clients may hold of the API port (see {@link SlowClients}). */
public final class ConnectionSettings {
    /** Connections the API port holds at once; past it, new ones wait in the kernel's queue until one closes. */
    @Min(1)
    private int maxConnections = 4000;

    /** How long a request's body may take to arrive after its headers; then it is answered 408. */
    @NotNull
    private Duration bodyTimeout = Duration.seconds(30);

    /** The memory all bodies being read may hold together, beyond each one's first 16 KiB. */
    @NotNull
    private DataSize bodyMemory = DataSize.mebibytes(64);

    @JsonProperty
    public int getMaxConnections() {
        return maxConnections;
    }

    @JsonProperty
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @JsonProperty
    public Duration getBodyTimeout() {
        return bodyTimeout;
    }

    @JsonProperty
    public void setBodyTimeout(Duration bodyTimeout) {
        this.bodyTimeout = bodyTimeout;
    }

    @JsonProperty
    public DataSize getBodyMemory() {
        return bodyMemory;
    }

    @JsonProperty
    public void setBodyMemory(DataSize bodyMemory) {
        this.bodyMemory = bodyMemory;
    }
}
