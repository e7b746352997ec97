package com.amends.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** How webhooks are delivered: the {@code webhooks} section of the configuration. */
public class WebhookSettings {
    /** Endpoint URLs on loopback, private or link-local addresses are refused unless this is true (development, tests). */
    private boolean allowPrivateAddresses = false;

    /** How long one attempt may take, connecting and reading the answer included. */
    @NotNull
    private Duration timeout = Duration.seconds(15);

    /** The wait after each failed attempt; one attempt more than there are steps. */
    @NotEmpty
    private List<Duration> retrySchedule = List.of(Duration.seconds(5), Duration.minutes(5), Duration.minutes(30),
            Duration.hours(2), Duration.hours(5), Duration.hours(10), Duration.hours(10));

    /** How long the previous secret still signs after a rotation. */
    @NotNull
    private Duration secretOverlap = Duration.hours(24);

    /** How often each instance looks for due deliveries when it has none in hand. */
    @NotNull
    private Duration workerInterval = Duration.seconds(1);

    /** Sends made at once by one instance. */
    @Min(1)
    private int workerThreads = 8;

    /** Sends to one endpoint made at once by one instance, so a slow endpoint holds few threads. */
    @Min(1)
    private int maxInFlightPerEndpoint = 2;

    /** An endpoint whose every attempt failed for this long is disabled. */
    @NotNull
    private Duration disableAfter = Duration.days(5);

    /** How long an instance owns the deliveries it claimed; after that another may take them over. */
    @NotNull
    private Duration claimLease = Duration.seconds(60);

    @JsonProperty
    public boolean isAllowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    @JsonProperty
    public void setAllowPrivateAddresses(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    @JsonProperty
    public Duration getTimeout() {
        return timeout;
    }

    @JsonProperty
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @JsonProperty
    public List<Duration> getRetrySchedule() {
        return retrySchedule;
    }

    @JsonProperty
    public void setRetrySchedule(List<Duration> retrySchedule) {
        this.retrySchedule = retrySchedule;
    }

    @JsonProperty
    public Duration getSecretOverlap() {
        return secretOverlap;
    }

    @JsonProperty
    public void setSecretOverlap(Duration secretOverlap) {
        this.secretOverlap = secretOverlap;
    }

    @JsonProperty
    public Duration getWorkerInterval() {
        return workerInterval;
    }

    @JsonProperty
    public void setWorkerInterval(Duration workerInterval) {
        this.workerInterval = workerInterval;
    }

    @JsonProperty
    public int getWorkerThreads() {
        return workerThreads;
    }

    @JsonProperty
    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }

    @JsonProperty
    public int getMaxInFlightPerEndpoint() {
        return maxInFlightPerEndpoint;
    }

    @JsonProperty
    public void setMaxInFlightPerEndpoint(int maxInFlightPerEndpoint) {
        this.maxInFlightPerEndpoint = maxInFlightPerEndpoint;
    }

    @JsonProperty
    public Duration getDisableAfter() {
        return disableAfter;
    }

    @JsonProperty
    public void setDisableAfter(Duration disableAfter) {
        this.disableAfter = disableAfter;
    }

    /**
     * A worker gives back a claim that has less than one timeout of its lease left, so that a
     * send never outlives its lease; with a lease no longer than the timeout it would send nothing.
     */
    @ValidationMethod(message = "webhooks.claimLease must be longer than webhooks.timeout")
    @JsonIgnore
    public boolean isClaimLeaseLongerThanTimeout() {
        return claimLease == null || timeout == null
                || claimLease.toMilliseconds() > timeout.toMilliseconds();
    }

    @JsonProperty
    public Duration getClaimLease() {
        return claimLease;
    }

    @JsonProperty
    public void setClaimLease(Duration claimLease) {
        this.claimLease = claimLease;
    }

    public RetrySchedule schedule() {
        return new RetrySchedule(retrySchedule.stream().map(Duration::toJavaDuration).toList());
    }
}
