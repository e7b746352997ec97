package com.amends.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a webhook endpoint URL may be called: when an admin registers it (the reason
 * becomes a 4xx problem on field {@code url}) and again before every delivery, because the name
 * may resolve elsewhere by then.
 *
 * <p>The delivery-time check narrows DNS rebinding but cannot close it: the HTTP client resolves
 * the name once more when it connects. Where that matters, deliveries go out through an egress
 * proxy or a subnet that cannot reach internal services, as the Standard Webhooks text advises.
 */
public final class EndpointGuard {
    public static final int MAX_URL_LENGTH = 2048;

    /** Resolves a host name; tests pass a table so that no test needs DNS. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
    }

    public enum Refusal {
        /** Not an absolute http(s) URL with a host and no user info, or too long. */
        INVALID_URL,
        /** The host has no address now; at registration a typo, at delivery perhaps a passing DNS fault. */
        UNRESOLVABLE_HOST,
        /** The host is or resolves to an address that reaches private networks. */
        PRIVATE_ADDRESS
    }

    /**
     * The answer: the parsed URI when allowed; otherwise the refusal and a reason that reads after
     * the field name ("url must use http or https").
     */
    public record Verdict(URI uri, Refusal refusal, String reason) {
        public boolean allowed() {
            return refusal == null;
        }

        static Verdict allow(URI uri) {
            return new Verdict(uri, null, null);
        }

        static Verdict refuse(Refusal refusal, String reason) {
            return new Verdict(null, refusal, reason);
        }
    }

    private final Resolver resolver;
    private final boolean allowPrivateAddresses;

    /** @param allowPrivateAddresses for development and tests, whose receivers listen on loopback */
    public EndpointGuard(Resolver resolver, boolean allowPrivateAddresses) {
        this.resolver = resolver;
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /** The form of the URL only, without asking DNS. */
    public Verdict checkForm(String url) {
        if (url == null || url.isBlank()) {
            return Verdict.refuse(Refusal.INVALID_URL, "must not be empty");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Verdict.refuse(Refusal.INVALID_URL, "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Verdict.refuse(Refusal.INVALID_URL, "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Verdict.refuse(Refusal.INVALID_URL, "must use http or https");
        }
        // A registry-based authority (user info the URI parser could not split, a host with
        // underscores or non-ASCII letters) leaves the host null.
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return Verdict.refuse(Refusal.INVALID_URL, "must not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Verdict.refuse(Refusal.INVALID_URL, "must name a host (international names in their xn-- form)");
        }
        return Verdict.allow(uri);
    }

    /** The form and, unless private addresses are allowed, every address the host resolves to now. */
    public Verdict check(String url) {
        Verdict form = checkForm(url);
        if (!form.allowed() || allowPrivateAddresses) {
            return form;
        }
        String host = bare(form.uri().getHost());
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Verdict.refuse(Refusal.UNRESOLVABLE_HOST, "names a host that does not resolve: " + host);
        }
        if (addresses.isEmpty()) {
            return Verdict.refuse(Refusal.UNRESOLVABLE_HOST, "names a host that does not resolve: " + host);
        }
        // Every address counts: the client may connect to any of them.
        for (InetAddress address : addresses) {
            Optional<String> what = AddressBlocks.forbidden(address);
            if (what.isPresent()) {
                return Verdict.refuse(Refusal.PRIVATE_ADDRESS, "resolves to " + address.getHostAddress() + ", "
                        + what.get() + "; webhooks are only sent to public addresses");
            }
        }
        return form;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
