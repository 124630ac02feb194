package org.uklad.system;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The network address a request comes from, as the throttles' key. Normally the connection's
 * peer. Behind a reverse proxy every peer is the proxy, so when the peer is one of
 * {@code uklad.trusted-proxies} (IP addresses and CIDR ranges, comma-separated) the client is
 * read from {@code X-Forwarded-For}: walking it from the right, addresses of trusted proxies are
 * skipped and the first other address is the client (nginx's {@code real_ip_recursive on}); when
 * every entry is a trusted proxy, the leftmost is taken. A header sent by anyone else is ignored,
 * so a client cannot pick its own key. A missing, empty or malformed entry on the way gives the
 * peer: never an error. Only IP literals are read, never resolved by DNS.
 *
 * <p>RFC 7239 {@code Forwarded} is not read: a proxy that sets only {@code X-Forwarded-For}
 * passes a client's own {@code Forwarded} header through unchanged, so reading both would let
 * clients choose their key. Addresses are only returned, never stored or logged.
 *
 * <p>Built eagerly so that a malformed setting stops the start instead of the first request.
 */
@Context
public final class ClientAddresses {

    static final String SETTING = "uklad.trusted-proxies";
    static final String HEADER = "X-Forwarded-For";
    /** More hops than any real chain of proxies; a longer header is not walked (falls back to the peer). */
    private static final int MAX_HOPS = 32;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(:\\d{1,3}(\\.\\d{1,3}){3})?");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");

    private final List<AddressRange> trusted;

    @Inject
    ClientAddresses(@Value("${" + SETTING + ":}") String trustedProxies) {
        this.trusted = parseRanges(trustedProxies);
    }

    /**
     * The key the throttles count the client under: its IPv4 address, or its IPv6 network (/64).
     * One household or school gets a whole /64 and a device may take a new address in it at any
     * time (privacy extensions), so counting single IPv6 addresses would let a guesser start over
     * by changing address; a /64 is what one IPv4 address behind a router is.
     */
    public String of(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer.getAddress() == null) {
            return peer.getHostString();
        }
        return throttleKey(resolve(peer.getAddress(), request.getHeaders().getAll(HEADER)));
    }

    static String throttleKey(InetAddress client) {
        byte[] bytes = client.getAddress();
        if (bytes.length != 16) {
            return client.getHostAddress();
        }
        byte[] network = Arrays.copyOf(bytes, 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/64"; // no lookup: an address is given
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // only for a length other than 4 or 16
        }
    }

    /**
     * The client behind {@code peer}, given the values of every {@code X-Forwarded-For} header
     * line in the order received.
     */
    InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",", -1)) {
                hops.add(hop.strip());
            }
        }
        if (hops.size() > MAX_HOPS) {
            return peer;
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parseHop(hops.get(i));
            if (hop == null) {
                return peer;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    boolean isTrusted(InetAddress address) {
        for (AddressRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An entry of X-Forwarded-For: an IP literal, possibly with a port; anything else is null. */
    private static InetAddress parseHop(String hop) {
        var withPort = IPV4_WITH_PORT.matcher(hop);
        if (withPort.matches()) {
            hop = withPort.group(1);
        } else {
            var bracketed = BRACKETED_IPV6.matcher(hop);
            if (bracketed.matches()) {
                hop = bracketed.group(1);
            }
        }
        return literal(hop);
    }

    /** An IPv4 dotted quad or an IPv6 literal without a zone; never a DNS lookup. */
    private static InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static List<AddressRange> parseRanges(String setting) {
        List<AddressRange> ranges = new ArrayList<>();
        if (setting == null) {
            return ranges;
        }
        for (String entry : setting.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                ranges.add(AddressRange.parse(entry));
            }
        }
        return List.copyOf(ranges);
    }

    /** An address with a prefix length: 10.0.0.0/8, 2001:db8::/32, or one address (full length). */
    record AddressRange(byte[] network, int prefix) {

        static AddressRange parse(String entry) {
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw invalid(entry);
            }
            byte[] bytes = address.getAddress();
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = entry.substring(slash + 1);
                if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                    throw invalid(entry);
                }
                prefix = Integer.parseInt(length);
            }
            return new AddressRange(mask(bytes, prefix), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
        }

        private static byte[] mask(byte[] bytes, int prefix) {
            byte[] masked = bytes.clone();
            for (int i = 0; i < masked.length; i++) {
                int keep = Math.clamp(prefix - i * 8L, 0, 8);
                masked[i] &= (byte) (0xFF00 >> keep);
            }
            return masked;
        }

        private static IllegalStateException invalid(String entry) {
            return new IllegalStateException(SETTING + " (UKLAD_TRUSTED_PROXIES): '" + entry
                    + "' is not an IP address or CIDR range; list them separated by commas, e.g. 10.0.0.0/8, 192.0.2.7, ::1"
                    + " (prefix lengths 0..32 for IPv4, 0..128 for IPv6; no host names)");
        }
    }
}
