package com.amends.bench;

import com.amends.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The crash test's webhook consumer: a receiver in the benchmark's own process, so it outlives
 * every kill, registered for every event type. After a round it waits until every event in the
 * feed has arrived at least once, and checks that nothing arrived that the feed lacks (the event
 * of a change that rolled back), that every acknowledged change has its event and every event its
 * change, and that every delivery is signed and carries the event as the feed shows it.
 */
final class DeliveryCheck implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The events a client's requests cause; any other type comes from a background job. */
    private static final Set<String> CLIENT_TYPES = Set.of("grant.issued", "grant.pending_approval",
            "points.redeemed", "voucher.redeemed", "hold.created", "hold.captured", "hold.released",
            "redemption.reversed");

    /** What a round's check found; every count is over the whole run so far. */
    record Figures(int written, int delivered, int duplicated, int extraRequests, int missing, int unknown,
                   int changesWithoutEvent, int eventsWithoutChange, int otherEvents, int badSignatures,
                   int bodiesDiffering, double waitedSeconds) {
        static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        boolean clean() {
            return missing == 0 && unknown == 0 && changesWithoutEvent == 0 && eventsWithoutChange == 0
                    && badSignatures == 0 && bodiesDiffering == 0;
        }
    }

    private final WebhookReceiver receiver = WebhookReceiver.start(null);
    private final String base;
    private final String admin;
    private final Map<String, JsonNode> feed = new LinkedHashMap<>();
    /** Events not received within a round's wait, even if a later round received them. */
    private final Set<String> everMissing = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
    /** How often each webhook-id arrived, over the requests already looked at. */
    private final Map<String, Integer> times = new HashMap<>();
    private final Set<String> unknown = new HashSet<>();
    private int checked;
    private int badSignatures;
    private int differing;
    private HttpClient client;
    private double slowest;
    private Figures last = Figures.NONE;

    DeliveryCheck(int port, String admin) {
        this.base = "http://127.0.0.1:" + port;
        this.admin = admin;
    }

    /** Registers the receiver for every event type, and checks signatures with the secret the answer shows once. */
    void register() throws IOException, InterruptedException {
        client = newClient();
        HttpResponse<String> created = client.send(request("/v1/webhook-endpoints")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("url", receiver.url(), "description", "crash test receiver"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Could not register the webhook endpoint: " + created.body());
        }
        receiver.secret(JSON.readTree(created.body()).path("secret").asText());
    }

    /**
     * Waits up to {@code limit} until every event in the feed has been received, then checks the
     * rest. {@code changes} counts the events the acknowledged requests stand for, as
     * {@code "type object-id"}. Problems found for the first time go to {@code problems}.
     */
    Figures await(int round, Map<String, Integer> changes, Duration limit, List<String> problems)
            throws IOException, InterruptedException {
        client = newClient(); // the server was restarted: no connection to its previous life
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        readFeed();
        Set<String> missing;
        while (true) {
            missing = notIn(receiver.received());
            if (missing.isEmpty()) {
                // Events committed since the feed was read (a background job's) must arrive too.
                List<WebhookReceiver.Received> received = receiver.received();
                readFeed();
                missing = notIn(received);
                if (missing.isEmpty()) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(250);
        }
        double waited = (System.nanoTime() - start) / 1e9;
        slowest = Math.max(slowest, waited);
        for (String id : missing) {
            note(problems, "missing " + id, "round " + round + ": event " + id + " ("
                    + feed.get(id).path("type").asText() + ") not delivered within " + limit.toSeconds() + " s");
        }
        everMissing.addAll(missing);

        // Taken before the feed is read, so every one of them had committed when it was read.
        List<WebhookReceiver.Received> received = receiver.received();
        readFeed();
        for (WebhookReceiver.Received request : received.subList(checked, received.size())) {
            String id = request.webhookId();
            times.merge(id, 1, Integer::sum);
            if (!request.signatureValid()) {
                badSignatures++;
                note(problems, "signature " + id + " " + request.timestamp(), "round " + round
                        + ": delivery of " + id + " has a signature that does not verify");
            }
            JsonNode event = feed.get(id);
            if (event == null) {
                unknown.add(id);
                note(problems, "unknown " + id, "round " + round + ": received " + id
                        + ", which the events feed does not have: " + request.body());
            } else if (!event.equals(JSON.readTree(request.body()))) {
                differing++;
                note(problems, "body " + id, "round " + round + ": delivery of " + id
                        + " differs from the feed's event: " + request.body());
            }
        }
        checked = received.size();
        int duplicated = (int) times.values().stream().filter(n -> n > 1).count();
        int extra = times.values().stream().mapToInt(n -> n - 1).sum();
        int delivered = (int) times.keySet().stream().filter(feed::containsKey).count();

        Map<String, Integer> found = new HashMap<>();
        int other = 0;
        for (JsonNode event : feed.values()) {
            String type = event.path("type").asText();
            if (CLIENT_TYPES.contains(type)) {
                found.merge(type + " " + event.path("data").path("object").path("id").asText(), 1, Integer::sum);
            } else {
                other++;
            }
        }
        int withoutEvent = 0;
        for (Map.Entry<String, Integer> change : changes.entrySet()) {
            int short_ = change.getValue() - found.getOrDefault(change.getKey(), 0);
            if (short_ > 0) {
                withoutEvent += short_;
                note(problems, "no event " + change.getKey(), "round " + round + ": " + change.getValue()
                        + " acknowledged request(s) stand for " + change.getKey() + "; the feed has "
                        + found.getOrDefault(change.getKey(), 0));
            }
        }
        int withoutChange = 0;
        for (Map.Entry<String, Integer> event : found.entrySet()) {
            int beyond = event.getValue() - changes.getOrDefault(event.getKey(), 0);
            if (beyond > 0) {
                withoutChange += beyond;
                note(problems, "no change " + event.getKey(), "round " + round + ": the feed has " + event.getValue()
                        + " event(s) " + event.getKey() + "; acknowledged requests stand for "
                        + changes.getOrDefault(event.getKey(), 0));
            }
        }
        last = new Figures(feed.size(), delivered, duplicated, extra, everMissing.size(), unknown.size(),
                withoutEvent, withoutChange, other, badSignatures, differing, slowest);
        return new Figures(feed.size(), delivered, duplicated, extra, missing.size(), unknown.size(), withoutEvent,
                withoutChange, other, badSignatures, differing, waited);
    }

    /** The run's figures: the last check's counts, every event missing at any round's end, the slowest wait. */
    Figures total() {
        return last;
    }

    /**
     * The whole feed, read again from its start, oldest first: a cursor kept from an earlier read
     * could step past an event whose transaction committed after a later one's.
     */
    private void readFeed() throws IOException, InterruptedException {
        feed.clear();
        String cursor = null;
        while (true) {
            String path = "/v1/events?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> page = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + page.statusCode() + ": " + page.body());
            }
            JsonNode body = JSON.readTree(page.body());
            if (body.path("data").isEmpty()) {
                return;
            }
            body.path("data").forEach(event -> feed.put(event.path("id").asText(), event));
            cursor = body.path("next_cursor").asText();
        }
    }

    /** The feed's events none of {@code received} carries. */
    private Set<String> notIn(List<WebhookReceiver.Received> received) {
        Set<String> missing = new HashSet<>(feed.keySet());
        received.forEach(r -> missing.remove(r.webhookId()));
        return missing;
    }

    private void note(List<String> problems, String key, String problem) {
        if (reported.add(key)) {
            problems.add(problem);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + admin);
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    @Override
    public void close() {
        receiver.close();
    }
}
