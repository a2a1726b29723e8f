package io.getbill.server.resources.webhooks;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses and URLs the webhook sender refuses (SSRF guard), without a server. */
class WebhookAddressPolicyTest {

    private static WebhookAddressPolicy policy(boolean allowPrivate) {
        return new WebhookAddressPolicy(new WebhookSettings(allowPrivate, false, 1, Duration.ofMillis(50),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofDays(30)));
    }

    private static String kind(String literal) throws UnknownHostException {
        return WebhookAddressPolicy.forbiddenKind(InetAddress.getByName(literal));
    }

    @Test
    void addressWhenInternalThenForbiddenWithItsKind() throws UnknownHostException {
        assertEquals("loopback", kind("127.0.0.1"));
        assertEquals("loopback", kind("127.8.9.10"));
        assertEquals("loopback", kind("::1"));
        assertEquals("loopback", kind("::ffff:127.0.0.1"));
        assertEquals("private", kind("10.0.0.1"));
        assertEquals("private", kind("172.31.255.255"));
        assertEquals("private", kind("192.168.0.1"));
        assertEquals("private", kind("fd00::1"));
        assertEquals("private", kind("fc00::1"));
        assertEquals("link-local", kind("169.254.169.254"));
        assertEquals("link-local", kind("fe80::1"));
        assertEquals("unspecified", kind("0.0.0.0"));
        assertEquals("unspecified", kind("::"));
        assertEquals("unspecified", kind("0.1.2.3"));
        assertEquals("multicast", kind("224.0.0.251"));
        assertEquals("multicast", kind("ff02::1"));
        assertEquals("carrier-grade NAT", kind("100.64.0.1"));
        assertEquals("carrier-grade NAT", kind("100.127.255.254"));
        assertEquals("broadcast", kind("255.255.255.255"));
        assertEquals("loopback", kind("64:ff9b::127.0.0.1"));
    }

    @Test
    void addressWhenPublicThenAllowed() throws UnknownHostException {
        assertNull(kind("203.0.113.10"));
        assertNull(kind("8.8.8.8"));
        assertNull(kind("100.63.255.255"));
        assertNull(kind("100.128.0.1"));
        assertNull(kind("172.32.0.1"));
        assertNull(kind("2001:4860:4860::8888"));
    }

    @Test
    void urlWhenNotHttpOrWithCredentialsThenRefusedWhateverTheSetting() {
        WebhookAddressPolicy open = policy(true);
        assertTrue(open.refusal("ftp://203.0.113.10/x").isPresent());
        assertTrue(open.refusal("https://user:secret@203.0.113.10/x").isPresent());
        assertTrue(open.refusal("https:///nohost").isPresent());
        assertTrue(open.refusal("https://203.0.113.10/x#frag").isPresent());
        assertTrue(open.refusal("").isPresent());
        assertTrue(open.refusal("https://203.0.113.10/" + "a".repeat(2048)).isPresent());
        assertTrue(open.refusal("https://203.0.113.10/hooks?x=1").isEmpty());
    }

    @Test
    void urlWhenPrivateThenRefusedUnlessAllowed() {
        assertTrue(policy(false).refusal("http://127.0.0.1:8080/hooks").orElseThrow().contains("loopback"));
        assertTrue(policy(false).refusal("http://[fe80::1]/").orElseThrow().contains("link-local"));
        assertTrue(policy(true).refusal("http://127.0.0.1:8080/hooks").isEmpty());
        assertTrue(policy(false).refusal("https://203.0.113.10/hooks").isEmpty());
    }
}
