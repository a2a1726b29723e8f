package io.getbill.server.resources.webhooks;

import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs the server may call. A receiver URL is chosen by a customer, so without this check the server
 * would POST on their behalf into its own network (server-side request forgery): loopback, private (RFC 1918,
 * fc00::/7), link-local (169.254/16 — cloud metadata services —, fe80::/10), unspecified, multicast, broadcast
 * and carrier-grade NAT (100.64/10, RFC 6598) addresses are refused unless
 * {@code getbill.webhooks.allow-private-addresses} is set (local development, tests).
 *
 * <p>The check runs at registration and again before every attempt, because the name may resolve elsewhere later
 * (DNS rebinding). A name that resolves to several addresses is refused when any one of them is refused. Redirects
 * are never followed, so a public receiver cannot bounce a delivery inward.
 */
@Singleton
public class WebhookAddressPolicy {

    private final boolean allowPrivate;

    public WebhookAddressPolicy(WebhookSettings settings) {
        this.allowPrivate = settings.allowPrivateAddresses();
    }

    /** Why a URL is refused on its form alone (scheme, host, credentials, length); empty when acceptable. */
    public Optional<String> formProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("Required");
        }
        if (url.length() > 2048) {
            return Optional.of("At most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("Not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("Must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("Must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("Must not contain credentials");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("Must not contain a fragment");
        }
        return Optional.empty();
    }

    /** Why the server must not call {@code url} now (form, resolution, address); empty when it may. */
    public Optional<String> refusal(String url) {
        Optional<String> form = formProblem(url);
        if (form.isPresent()) {
            return form;
        }
        String host = URI.create(url).getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("Host does not resolve: " + host);
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            String kind = forbiddenKind(address);
            if (kind != null) {
                return Optional.of("Host resolves to a " + kind + " address (" + address.getHostAddress() + ")");
            }
        }
        return Optional.empty();
    }

    /** The kind of a forbidden address, or {@code null} when the address is public. */
    static String forbiddenKind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 0) {
                return "unspecified";
            }
            if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
                return "broadcast";
            }
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private";
            }
            if (isIpv4Embedded(b)) {
                try {
                    return forbiddenKind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "invalid";
                }
            }
        }
        return null;
    }

    /** {@code ::a.b.c.d} (IPv4-compatible) or {@code 64:ff9b::a.b.c.d} (NAT64); Java maps {@code ::ffff:a.b.c.d} itself. */
    private static boolean isIpv4Embedded(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = b[i] == 0;
        }
        return compatible || nat64;
    }
}
