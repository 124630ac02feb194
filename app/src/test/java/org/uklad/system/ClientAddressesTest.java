package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client behind trusted reverse proxies: X-Forwarded-For is read only from a trusted peer and
 * walked from the right past trusted proxies (nginx's real_ip_recursive); anything odd gives the peer.
 */
class ClientAddressesTest {

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static String client(ClientAddresses addresses, String peer, String... forwardedFor) {
        return addresses.resolve(ip(peer), List.of(forwardedFor)).getHostAddress();
    }

    @Test
    void withNothingConfiguredTheHeaderIsIgnored() {
        ClientAddresses none = new ClientAddresses("");
        assertThat(client(none, "127.0.0.1", "203.0.113.7")).isEqualTo("127.0.0.1");
        assertThat(client(none, "10.0.0.2", "203.0.113.7, 10.0.0.2")).isEqualTo("10.0.0.2");
        assertThat(client(new ClientAddresses(null), "::1", "203.0.113.7")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(client(new ClientAddresses(" , "), "10.0.0.2", "203.0.113.7")).isEqualTo("10.0.0.2");
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsIgnored() {
        ClientAddresses proxies = new ClientAddresses("10.0.0.0/8");
        assertThat(client(proxies, "198.51.100.4", "203.0.113.7")).as("a client naming someone else").isEqualTo("198.51.100.4");
        assertThat(client(proxies, "11.0.0.1", "203.0.113.7")).as("just outside the range").isEqualTo("11.0.0.1");
        assertThat(client(proxies, "10.0.0.2")).as("a trusted proxy that sent no header").isEqualTo("10.0.0.2");
    }

    @Test
    void ipv4RangesMatchByPrefix() {
        ClientAddresses proxies = new ClientAddresses("192.0.2.128/25, 198.51.100.7");
        assertThat(proxies.isTrusted(ip("192.0.2.128"))).isTrue();
        assertThat(proxies.isTrusted(ip("192.0.2.255"))).isTrue();
        assertThat(proxies.isTrusted(ip("192.0.2.127"))).isFalse();
        assertThat(proxies.isTrusted(ip("198.51.100.7"))).as("a single address is a /32").isTrue();
        assertThat(proxies.isTrusted(ip("198.51.100.8"))).isFalse();
        assertThat(proxies.isTrusted(ip("::ffff:192.0.2.200"))).as("IPv4-mapped IPv6 is the IPv4 address").isTrue();
        assertThat(proxies.isTrusted(ip("::c000:2c8"))).as("an IPv6 address with the same low bits").isFalse();

        assertThat(new ClientAddresses("10.1.2.3/8").isTrusted(ip("10.200.0.1"))).as("host bits of a range are ignored").isTrue();
        assertThat(new ClientAddresses("172.16.0.0/12").isTrusted(ip("172.31.255.255"))).isTrue();
        assertThat(new ClientAddresses("172.16.0.0/12").isTrusted(ip("172.32.0.0"))).isFalse();
        ClientAddresses everyIpv4 = new ClientAddresses("0.0.0.0/0");
        assertThat(everyIpv4.isTrusted(ip("203.0.113.7"))).isTrue();
        assertThat(everyIpv4.isTrusted(ip("2001:db8::1"))).as("an IPv4 range never holds IPv6").isFalse();
    }

    @Test
    void ipv6RangesMatchByPrefix() {
        ClientAddresses proxies = new ClientAddresses("2001:db8:1::/48\n::1");
        assertThat(proxies.isTrusted(ip("2001:db8:1:ffff::1"))).isTrue();
        assertThat(proxies.isTrusted(ip("2001:db8:2::1"))).isFalse();
        assertThat(proxies.isTrusted(ip("::1"))).isTrue();
        assertThat(proxies.isTrusted(ip("::2"))).isFalse();
        assertThat(proxies.isTrusted(ip("127.0.0.1"))).as("::1 is not 127.0.0.1").isFalse();
        assertThat(new ClientAddresses("fd00::/7").isTrusted(ip("fdff:ffff::1"))).isTrue();
        assertThat(new ClientAddresses("fd00::/7").isTrusted(ip("fe00::1"))).isFalse();

        assertThat(client(proxies, "2001:db8:1::5", "2001:db8:abcd::7")).isEqualTo("2001:db8:abcd:0:0:0:0:7");
        assertThat(client(proxies, "::1", "[2001:db8:abcd::7]:4711")).as("bracketed with a port").isEqualTo("2001:db8:abcd:0:0:0:0:7");
        assertThat(client(proxies, "::1", "203.0.113.7")).as("an IPv4 client behind an IPv6 proxy").isEqualTo("203.0.113.7");
        assertThat(client(proxies, "::1", "::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64AndIpv4ClientsByAddress() {
        assertThat(ClientAddresses.throttleKey(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")))
                .isEqualTo(ClientAddresses.throttleKey(ip("2001:db8:1:2::77")))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddresses.throttleKey(ip("2001:db8:1:3::77"))).isEqualTo("2001:db8:1:3:0:0:0:0/64");
        assertThat(ClientAddresses.throttleKey(ip("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.throttleKey(ip("203.0.113.8"))).isEqualTo("203.0.113.8");
        assertThat(ClientAddresses.throttleKey(ip("::ffff:203.0.113.7"))).as("IPv4-mapped is IPv4").isEqualTo("203.0.113.7");
    }

    @Test
    void theWalkSkipsEveryTrustedProxyFromTheRight() {
        ClientAddresses proxies = new ClientAddresses("10.0.0.0/8, 192.0.2.1");
        // client -> CDN edge 10.9.9.9 -> load balancer 10.0.0.5 -> nginx 192.0.2.1 -> app
        assertThat(client(proxies, "192.0.2.1", "203.0.113.7, 10.9.9.9, 10.0.0.5")).isEqualTo("203.0.113.7");
        assertThat(client(proxies, "192.0.2.1", "198.51.100.66, 203.0.113.7, 10.0.0.5"))
                .as("what the client wrote itself, left of the first untrusted hop, is not believed").isEqualTo("203.0.113.7");
        assertThat(client(proxies, "192.0.2.1", "198.51.100.66", "203.0.113.7, 10.0.0.5"))
                .as("several header lines join in order").isEqualTo("203.0.113.7");
        assertThat(client(proxies, "192.0.2.1", "10.0.0.9, 10.0.0.5")).as("all trusted: the leftmost").isEqualTo("10.0.0.9");
        assertThat(client(proxies, "10.0.0.5", "203.0.113.7:51234")).as("IPv4 with a port").isEqualTo("203.0.113.7");
        assertThat(client(proxies, "10.0.0.5", "  203.0.113.7\t")).isEqualTo("203.0.113.7");
    }

    @Test
    void garbageGivesThePeerAndNeverAnError() {
        ClientAddresses proxies = new ClientAddresses("10.0.0.0/8");
        for (String header : List.of("", " ", ",", "unknown", "_hidden", "localhost", "evil.example.com", "1.2.3", "1.2.3.4.5",
                "300.1.1.1", "127.1", "0x7f.0.0.1", "1.2.3.4/8", "2001:db8::1%eth0", "2001:db8::g", "[::1", "::1]:80",
                "203.0.113.7:", "203.0.113.7:99999999", "for=203.0.113.7", "\"203.0.113.7\"", "203.0.113.7 198.51.100.1",
                "203.0.113.7,", "x".repeat(5000), "10.0.0.1, garbage", "garbage, 10.0.0.1")) {
            assertThat(client(proxies, "10.0.0.2", header)).as(header).isEqualTo("10.0.0.2");
        }
        assertThat(client(proxies, "10.0.0.2", "garbage, 203.0.113.7")).as("garbage left of the client is never reached")
                .isEqualTo("203.0.113.7");
        String longChain = String.join(", ", Collections.nCopies(40, "10.0.0.3"));
        assertThat(client(proxies, "10.0.0.2", "203.0.113.7, " + longChain)).as("an absurdly long chain is not walked").isEqualTo("10.0.0.2");
    }

    @Test
    void aMalformedSettingIsRefusedNamingTheSetting() {
        for (String setting : List.of("10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "proxy.example.ru",
                "10.0.0", "10.0.0.0/8; 10.0.0.1", "[::1]", "fe80::1%eth0")) {
            assertThatThrownBy(() -> new ClientAddresses(setting)).as(setting)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("uklad.trusted-proxies (UKLAD_TRUSTED_PROXIES): '");
        }
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/8, 192.0.2.0/40")).hasMessageContaining("'192.0.2.0/40'");
    }

    @Test
    void theSettingMayAlsoBeAYamlList() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("uklad.trusted-proxies", List.of("10.0.0.0/8", "::1")), "test")) {
            ClientAddresses addresses = context.getBean(ClientAddresses.class);
            assertThat(addresses.isTrusted(ip("10.1.1.1"))).isTrue();
            assertThat(addresses.isTrusted(ip("::1"))).isTrue();
            assertThat(addresses.isTrusted(ip("127.0.0.1"))).isFalse();
        }
    }

    @Test
    void aMalformedSettingStopsTheStart() {
        assertThatThrownBy(() -> {
            try (ApplicationContext ignored = ApplicationContext.run(Map.of("uklad.trusted-proxies", "10.0.0.0/8, 192.0.2.0/33"), "test")) {
                // started: the test fails below
            }
        }).hasStackTraceContaining("uklad.trusted-proxies (UKLAD_TRUSTED_PROXIES): '192.0.2.0/33' is not an IP address or CIDR range");
    }
}
