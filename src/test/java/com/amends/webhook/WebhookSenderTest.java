package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amends.testing.MutableClock;
import com.amends.testing.WebhookReceiver;
import com.amends.testing.WebhookReceiver.Answer;
import com.amends.testing.WebhookReceiver.Received;
import com.amends.webhook.SendOutcome.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sender against a real HTTP receiver on loopback: no server of ours, no database. */
@Tag("http")
class WebhookSenderTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"grant.issued\",\"data\":{\"object\":{\"code\":\"AMD-7K2Q\"}}}";
    // Generous where an answer is expected: a JVM's first exchange loads the HTTP client's classes.
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private final MutableClock clock = new MutableClock(MutableClock.START);
    private final String secret = WebhookSignature.newSecret(RANDOM);
    private final WebhookReceiver receiver = WebhookReceiver.start(secret);
    private final EndpointGuard localAllowed = new EndpointGuard(EndpointGuard.Resolver.SYSTEM, true);
    private final WebhookSender sender = new WebhookSender(localAllowed, clock, TIMEOUT);
    private final WebhookSender impatient = new WebhookSender(localAllowed, clock, SHORT_TIMEOUT);

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldPostTheBodySignedWithTheStandardWebhooksHeaders() {
        SendOutcome outcome = sender.send(receiver.url(), "msg_1", BODY, List.of(secret));

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.answer()).isEqualTo("ok");
        assertThat(outcome.timestamp()).isEqualTo(MutableClock.START.getEpochSecond());
        Received request = receiver.awaitRequests(1, Duration.ofSeconds(1)).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(WebhookReceiver.PATH);
        assertThat(request.body()).isEqualTo(BODY);
        assertThat(request.signatureValid()).isTrue();
        assertThat(request.webhookId()).isEqualTo("msg_1");
        assertThat(request.timestamp()).isEqualTo(MutableClock.START.getEpochSecond());
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("user-agent")).startsWith("Amends");
        assertThat(request.header("webhook-signature")).startsWith("v1,").doesNotContain(secret.substring(6));
    }

    @Test
    void shouldSignARetryWithANewTimestampAndTheSameId() {
        sender.send(receiver.url(), "msg_1", BODY, List.of(secret));
        clock.advance(Duration.ofMinutes(5));
        sender.send(receiver.url(), "msg_1", BODY, List.of(secret));

        List<Received> requests = receiver.awaitRequests(2, Duration.ofSeconds(1));
        assertThat(requests).extracting(Received::webhookId).containsExactly("msg_1", "msg_1");
        assertThat(requests.get(1).timestamp() - requests.get(0).timestamp()).isEqualTo(300);
        assertThat(requests).allMatch(Received::signatureValid);
    }

    @Test
    void shouldVerifyForAConsumerHoldingEitherSecret_DuringARotation() {
        String next = WebhookSignature.newSecret(RANDOM);

        sender.send(receiver.url(), "msg_1", BODY, List.of(secret, next));
        receiver.secret(next);
        sender.send(receiver.url(), "msg_2", BODY, List.of(secret, next));
        receiver.secret(WebhookSignature.newSecret(RANDOM));
        sender.send(receiver.url(), "msg_3", BODY, List.of(secret, next));

        assertThat(receiver.awaitRequests(3, Duration.ofSeconds(1)))
                .extracting(Received::signatureValid).containsExactly(true, true, false);
    }

    @Test
    void shouldReportAnErrorStatusWithTheAnswersFirstBytes() {
        receiver.answer(Answer.status(500).body("{\"error\":\"database down\"}"));

        SendOutcome outcome = sender.send(receiver.url(), "msg_1", BODY, List.of(secret));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.kind()).isEqualTo(Kind.ANSWERED);
        assertThat(outcome.status()).isEqualTo(500);
        assertThat(outcome.answer()).isEqualTo("{\"error\":\"database down\"}");
        assertThat(outcome.retryAfter()).isEmpty();
    }

    @Test
    void shouldReadRetryAfter_WhenTheEndpointIsRateLimiting() {
        receiver.answer(Answer.status(429).header("Retry-After", "2"));

        SendOutcome outcome = sender.send(receiver.url(), "msg_1", BODY, List.of(secret));

        assertThat(outcome.status()).isEqualTo(429);
        assertThat(outcome.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void shouldFollowTheReceiversScript_OneAnswerAfterTheOther() {
        receiver.answer(Answer.status(500).times(2), Answer.status(429).header("Retry-After", "2"), Answer.status(204));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(sender.send(receiver.url(), "msg_1", BODY, List.of(secret)).status());
        }

        assertThat(statuses).containsExactly(500, 500, 429, 204, 204);
    }

    @Test
    void shouldKeepOnlyTheFirst4KiBOfAHugeAnswer() {
        receiver.answer(Answer.status(200).body("x".repeat(100_000)));

        SendOutcome outcome = sender.send(receiver.url(), "msg_1", BODY, List.of(secret));

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.answer()).hasSize(WebhookSender.MAX_ANSWER_BYTES);
    }

    @Test
    void shouldNotFollowARedirect_AndSaySo() {
        receiver.answer(Answer.status(302).header("Location", receiver.url() + "/elsewhere"));

        SendOutcome outcome = sender.send(receiver.url(), "msg_1", BODY, List.of(secret));

        assertThat(outcome.status()).isEqualTo(302);
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.detail()).contains("redirects are not followed");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void shouldGiveUpOnAnEndpointThatDoesNotAnswerInTime() {
        receiver.answer(Answer.status(200).after(Duration.ofSeconds(5)));

        SendOutcome outcome = impatient.send(receiver.url(), "msg_1", BODY, List.of(secret));

        assertThat(outcome.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(outcome.detail()).isEqualTo("no complete answer within 300 ms");
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldGiveUpOnAnAnswerThatNeverEnds_WithinTheSameTimeout() {
        receiver.answer(Answer.status(200).body("partial").stallingBody());

        SendOutcome outcome = impatient.send(receiver.url(), "msg_1", BODY, List.of(secret));

        assertThat(outcome.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldReportARefusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        SendOutcome outcome = sender.send("http://127.0.0.1:" + closedPort + "/hook", "msg_1", BODY, List.of(secret));

        assertThat(outcome.kind()).isEqualTo(Kind.CONNECTION_REFUSED);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.answer()).isEmpty();
    }

    @Test
    void shouldNotCallAPrivateAddress_WhenPrivateAddressesAreNotAllowed() {
        WebhookSender strict = new WebhookSender(new EndpointGuard(EndpointGuard.Resolver.SYSTEM, false), clock,
                TIMEOUT);

        SendOutcome outcome = strict.send(receiver.url(), "msg_1", BODY, List.of(secret));

        assertThat(outcome.kind()).isEqualTo(Kind.REFUSED_ADDRESS);
        assertThat(outcome.detail()).startsWith("url resolves to 127.0.0.1, a loopback address");
        assertThat(outcome.timestamp()).isZero();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldReportAHostThatNoLongerResolves_AsItsOwnKind() {
        WebhookSender strict = new WebhookSender(new EndpointGuard(host -> {
            throw new UnknownHostException(host);
        }, false), clock, TIMEOUT);

        SendOutcome outcome = strict.send("https://gone.example.com/hook", "msg_1", BODY, List.of(secret));

        assertThat(outcome.kind()).isEqualTo(Kind.UNRESOLVABLE_HOST);
        assertThat(outcome.retryAfter()).isEqualTo(Optional.empty());
    }

    @Test
    void shouldFailLoudly_WhenOurOwnSecretIsUnusable_InsteadOfBlamingTheEndpoint() {
        assertThatThrownBy(() -> sender.send(receiver.url(), "msg_1", BODY, List.of("whsec_c2hvcnQ=")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void receiverShouldFailTheTestSayingWhatCame_WhenFewerRequestsArriveInTime() {
        sender.send(receiver.url(), "msg_1", BODY, List.of(secret));

        assertThatThrownBy(() -> receiver.awaitRequests(2, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected 2 webhook requests within PT0.1S, got 1: [msg_1]");
    }
}
