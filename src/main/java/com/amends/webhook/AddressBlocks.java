package com.amends.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a webhook may not call: everything that reaches this machine, its networks
 * or a cloud's metadata service instead of the public internet. An endpoint URL is an admin's
 * input that the server then calls, which is the classic server-side request forgery opening.
 */
final class AddressBlocks {
    private record Block(byte[] network, int prefixBits, String what) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixBits % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - restBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0", 8, "an unspecified (\"this network\") address"),
            block("10.0.0.0", 8, "a private address (RFC 1918)"),
            block("100.64.0.0", 10, "a carrier-grade NAT address (RFC 6598)"),
            block("127.0.0.0", 8, "a loopback address"),
            block("169.254.0.0", 16, "a link-local address (cloud metadata services live here)"),
            block("172.16.0.0", 12, "a private address (RFC 1918)"),
            block("192.0.0.0", 24, "an IETF protocol address"),
            block("192.168.0.0", 16, "a private address (RFC 1918)"),
            block("198.18.0.0", 15, "a benchmarking address"),
            block("224.0.0.0", 4, "a multicast address"),
            block("240.0.0.0", 4, "a reserved or broadcast address"));

    private static final List<Block> IPV6 = List.of(
            block("::", 128, "an unspecified address"),
            block("::1", 128, "a loopback address"),
            block("fc00::", 7, "a unique local address (IPv6 ULA)"),
            block("fe80::", 10, "a link-local address"),
            block("fec0::", 10, "a site-local address"),
            block("ff00::", 8, "a multicast address"));

    // IPv6 forms that carry an IPv4 address which the network may route to: the embedded address
    // is judged like the IPv4 one, so ::10.0.0.1 or 64:ff9b::a00:1 cannot smuggle a private target.
    // (IPv4-mapped ::ffff:a.b.c.d needs no entry: InetAddress turns it into the IPv4 address.)
    private static final Block IPV4_COMPATIBLE = block("::", 96, "");
    private static final Block NAT64 = block("64:ff9b::", 96, "");
    private static final Block SIX_TO_FOUR = block("2002::", 16, "");

    private AddressBlocks() {}

    /** What kind of non-public address this is, or empty when it is one a webhook may call. */
    static Optional<String> forbidden(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return find(IPV4, bytes);
        }
        Optional<String> own = find(IPV6, bytes);
        if (own.isPresent()) {
            return own;
        }
        if (IPV4_COMPATIBLE.contains(bytes) || NAT64.contains(bytes)) {
            return embedded(bytes, 12);
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return embedded(bytes, 2);
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] bytes, int offset) {
        byte[] v4 = new byte[4];
        System.arraycopy(bytes, offset, v4, 0, 4);
        return find(IPV4, v4).map(what -> "an IPv6 form of " + what);
    }

    private static Optional<String> find(List<Block> blocks, byte[] bytes) {
        return blocks.stream().filter(b -> b.contains(bytes)).map(Block::what).findFirst();
    }

    private static Block block(String literal, int prefixBits, String what) {
        try {
            // Literals only: getByName parses them without asking DNS.
            return new Block(InetAddress.getByName(literal).getAddress(), prefixBits, what);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + literal, e);
        }
    }
}
