package com.amends.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amends.webhook.EndpointGuard.Refusal;
import com.amends.webhook.EndpointGuard.Verdict;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class EndpointGuardTest {
    /** A DNS that knows a few names, so no test depends on the network. */
    private static final class Table implements EndpointGuard.Resolver {
        private final Map<String, List<String>> names;
        final List<String> asked = new ArrayList<>();

        Table(Map<String, List<String>> names) {
            this.names = names;
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            asked.add(host);
            List<String> literals = names.get(host);
            if (literals == null) {
                // A literal address resolves to itself, as with the system resolver.
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return List.of(InetAddress.getByName(host));
                }
                throw new UnknownHostException(host);
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String literal : literals) {
                addresses.add(InetAddress.getByName(literal));
            }
            return addresses;
        }
    }

    private final Table dns = new Table(Map.of(
            "hooks.example.com", List.of("93.184.215.14"),
            "v6.example.com", List.of("2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "internal.example.com", List.of("10.1.2.3"),
            "split.example.com", List.of("93.184.215.14", "192.168.1.20"),
            "metadata.example.com", List.of("169.254.169.254"),
            "localhost", List.of("127.0.0.1", "::1")));
    private final EndpointGuard guard = new EndpointGuard(dns, false);

    @Nested
    class Form {
        @Test
        void shouldAllowAnHttpsUrlWithPortPathAndQuery() {
            Verdict verdict = guard.check("https://hooks.example.com:8443/amends/events?tenant=7");

            assertThat(verdict.allowed()).isTrue();
            assertThat(verdict.uri().getPort()).isEqualTo(8443);
        }

        @Test
        void shouldAllowPlainHttp_AsDevelopmentEndpointsOftenAre() {
            assertThat(guard.check("http://hooks.example.com/hook").allowed()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://hooks.example.com/x", "file:///etc/passwd", "javascript:alert(1)",
                "gopher://hooks.example.com/", "hooks.example.com/hook", "/relative/path"})
        void shouldRefuseWhatIsNotHttpOrHttps(String url) {
            assertThat(guard.check(url)).isEqualTo(new Verdict(null, Refusal.INVALID_URL, "must use http or https"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://user:pw@hooks.example.com/", "https://token@hooks.example.com/",
                "https://hooks.example.com@10.0.0.1/"})
        void shouldRefuseUserInfo_WhichHidesTheRealHostFromAReader(String url) {
            Verdict verdict = guard.check(url);

            assertThat(verdict.refusal()).isEqualTo(Refusal.INVALID_URL);
            assertThat(verdict.reason()).isEqualTo("must not carry a user name or password");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https:///path", "https://bad_host.example.com/", "https://bücher.example/"})
        void shouldRefuseAUrlWithoutAHost(String url) {
            Verdict verdict = guard.check(url);

            assertThat(verdict.refusal()).isEqualTo(Refusal.INVALID_URL);
            assertThat(verdict.reason()).startsWith("must name a host").doesNotContain("null");
        }

        @Test
        void shouldRefuseAUrlThatIsNotAUrl_SayingWhy() {
            Verdict verdict = guard.check("https://hooks.example.com/a path");

            assertThat(verdict.refusal()).isEqualTo(Refusal.INVALID_URL);
            assertThat(verdict.reason()).startsWith("is not a valid URL: ");
            assertThat(guard.check("https://").reason()).isEqualTo("is not a valid URL: Expected authority");
        }

        @Test
        void shouldRefuseAnEmptyUrl() {
            assertThat(guard.check("").reason()).isEqualTo("must not be empty");
            assertThat(guard.check(null).reason()).isEqualTo("must not be empty");
        }

        @Test
        void shouldAllow2048CharactersButNotOneMore() {
            String base = "https://hooks.example.com/";
            String longest = base + "a".repeat(2048 - base.length());

            assertThat(guard.check(longest).allowed()).isTrue();
            assertThat(guard.check(longest + "a"))
                    .isEqualTo(new Verdict(null, Refusal.INVALID_URL, "must be at most 2048 characters"));
        }

        @Test
        void shouldNotAskDnsWhenTheFormIsWrong() {
            guard.check("ftp://hooks.example.com/");
            guard.checkForm("https://internal.example.com/");

            assertThat(dns.asked).isEmpty();
        }
    }

    @Nested
    class Addresses {
        @ParameterizedTest
        @ValueSource(strings = {
                "http://127.0.0.1/", "http://127.8.9.10/", "http://localhost:8080/", "http://[::1]/",
                "http://0.0.0.0/", "http://[::]/",
                "http://10.0.0.1/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.0.10/",
                "http://[fd12:3456::1]/", "http://[fc00::1]/",
                "http://169.254.169.254/latest/meta-data/", "http://metadata.example.com/", "http://[fe80::1]/",
                "http://100.64.0.1/", "http://100.127.255.255/",
                "http://224.0.0.1/", "http://[ff02::1]/", "http://255.255.255.255/",
                "http://[::ffff:10.0.0.1]/", "http://[::10.0.0.1]/", "http://[64:ff9b::a00:1]/",
                "http://[2002:7f00:1::]/",
                "http://internal.example.com/"})
        void shouldRefuseAddressesThatReachPrivateNetworks(String url) {
            Verdict verdict = guard.check(url);

            assertThat(verdict.refusal()).as(url).isEqualTo(Refusal.PRIVATE_ADDRESS);
            assertThat(verdict.reason()).startsWith("resolves to ").endsWith("; webhooks are only sent to public addresses");
        }

        @Test
        void shouldSayWhichAddressAndWhatKind_SoTheAdminUnderstands() {
            assertThat(guard.check("https://internal.example.com/hook").reason())
                    .isEqualTo("resolves to 10.1.2.3, a private address (RFC 1918); webhooks are only sent to public addresses");
            assertThat(guard.check("http://100.64.1.1/").reason()).contains("carrier-grade NAT");
            assertThat(guard.check("http://[fd00::5]/").reason()).contains("unique local address");
        }

        @Test
        void shouldRefuseAHostWithAnyPrivateAddress_SinceTheClientMayConnectToAnyOfThem() {
            assertThat(guard.check("https://split.example.com/").reason()).startsWith("resolves to 192.168.1.20, ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://hooks.example.com/", "https://v6.example.com/", "http://93.184.215.14/",
                "http://100.63.255.255/", "http://100.128.0.0/", "http://172.15.255.255/", "http://172.32.0.0/",
                "http://[2606:4700::1111]/", "http://[2002:5db8:d70e::]/"})
        void shouldAllowPublicAddresses_EvenRightBesideABlock(String url) {
            assertThat(guard.check(url).allowed()).as(url).isTrue();
        }

        @Test
        void shouldRefuseAHostThatDoesNotResolve() {
            assertThat(guard.check("https://no-such-host.example.com/"))
                    .isEqualTo(new Verdict(null, Refusal.UNRESOLVABLE_HOST,
                            "names a host that does not resolve: no-such-host.example.com"));
        }

        @Test
        void shouldAskDnsEveryTime_BecauseANameMayPointElsewhereByDeliveryTime() {
            guard.check("https://hooks.example.com/");
            guard.check("https://hooks.example.com/");

            assertThat(dns.asked).containsExactly("hooks.example.com", "hooks.example.com");
        }

        @Test
        void shouldAllowPrivateAddresses_WhenTheSettingSaysSo_ForDevelopmentAndTests() {
            EndpointGuard permissive = new EndpointGuard(dns, true);

            assertThat(permissive.check("http://127.0.0.1:8080/hook").allowed()).isTrue();
            assertThat(permissive.check("http://localhost/hook").allowed()).isTrue();
            assertThat(permissive.check("ftp://127.0.0.1/").refusal()).isEqualTo(Refusal.INVALID_URL);
        }
    }

    @Test
    void shouldJudgeEveryAddressTheIpv4BlocksCover_AtTheirEdges() {
        // The first and last address of each block are refused; the ones just outside are not.
        List<String[]> edges = Arrays.asList(
                new String[] {"9.255.255.255", "10.0.0.0", "10.255.255.255", "11.0.0.0"},
                new String[] {"126.255.255.255", "127.0.0.0", "127.255.255.255", "128.0.0.0"},
                new String[] {"169.253.255.255", "169.254.0.0", "169.254.255.255", "169.255.0.0"},
                new String[] {"192.167.255.255", "192.168.0.0", "192.168.255.255", "192.169.0.0"},
                new String[] {"198.17.255.255", "198.18.0.0", "198.19.255.255", "198.20.0.0"},
                new String[] {"223.255.255.255", "224.0.0.0", "255.255.255.255", null});
        for (String[] edge : edges) {
            assertThat(guard.check("http://" + edge[0] + "/").allowed()).as(edge[0]).isTrue();
            assertThat(guard.check("http://" + edge[1] + "/").allowed()).as(edge[1]).isFalse();
            assertThat(guard.check("http://" + edge[2] + "/").allowed()).as(edge[2]).isFalse();
            if (edge[3] != null) {
                assertThat(guard.check("http://" + edge[3] + "/").allowed()).as(edge[3]).isTrue();
            }
        }
    }
}
