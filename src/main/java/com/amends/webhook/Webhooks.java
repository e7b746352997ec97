package com.amends.webhook;

import com.amends.event.EventSubscriber;
import com.amends.platform.Ids;
import com.amends.platform.Transactor;
import com.amends.platform.command.Commands;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** The webhook side, built in one place: what the application registers and what events call. */
public final class Webhooks {
    /** How long an instance keeps its copy of the enabled endpoints; a change made here clears it at once. */
    private static final Duration ENDPOINT_CACHE = Duration.ofSeconds(1);

    private final WebhookEndpoints endpoints;
    private final WebhookFanOut fanOut;
    private final DeliveryWorker worker;
    private final Resends resends;

    /** @param pool the send threads, {@code settings.getWorkerThreads()} of them */
    public Webhooks(WebhookSettings settings, Transactor transactor, ObjectMapper mapper, MetricRegistry metrics,
                    ExecutorService pool, Ids ids, Clock clock) {
        EndpointGuard guard = new EndpointGuard(EndpointGuard.Resolver.SYSTEM, settings.isAllowPrivateAddresses());
        WebhookSender sender = new WebhookSender(guard, clock, settings.getTimeout().toJavaDuration());
        this.endpoints = new WebhookEndpoints(transactor, guard, ids, clock,
                settings.getSecretOverlap().toJavaDuration(), ENDPOINT_CACHE);
        this.fanOut = new WebhookFanOut(transactor, endpoints, ids, clock);
        DeliveryOutcomes outcomes = new DeliveryOutcomes(transactor, endpoints, settings.schedule(),
                new WebhookMetrics(metrics, transactor, clock), clock, settings.getDisableAfter().toJavaDuration());
        this.worker = new DeliveryWorker(transactor, sender, outcomes, pool, ids, clock,
                settings.getClaimLease().toJavaDuration(), settings.getTimeout().toJavaDuration(),
                settings.getMaxInFlightPerEndpoint());
        this.resends = new Resends(transactor, endpoints, fanOut, sender, mapper, ids, clock);
    }

    /** What {@code Events} calls in the transaction that writes events. */
    public EventSubscriber deliveries() {
        return fanOut;
    }

    /**
     * One pass of the delivery worker, for the application's schedule. A method reference to
     * {@link DeliveryWorker#run} from another package fails to link (its answer's type is this
     * package's own) with an error the schedule does not survive.
     */
    public void deliverDue() {
        worker.run();
    }

    public DeliverWebhooksTask task() {
        return new DeliverWebhooksTask(worker);
    }

    public WebhookEndpointResource endpointResource(Commands commands) {
        return new WebhookEndpointResource(endpoints, resends, commands);
    }

    public EventRedeliveryResource redeliveryResource(Commands commands) {
        return new EventRedeliveryResource(resends, commands);
    }
}
