package io.getbill.conformance.spec;

import java.util.Map;

/**
 * The capabilities of the API beyond the base slice (token endpoint, discovery, company profile and users), named by
 * what they do, with the contract tags whose operations belong to each. A check says which capabilities it needs, and
 * a run may leave a capability out ({@code --exclude}, {@code kit-excluded-features.txt}) against a deployment that
 * does not offer it: its checks are then reported as skipped, never weakened. A tag not listed here belongs to the
 * base slice: its checks always run.
 */
public final class Features {

    /** The authorization server beyond client credentials: refresh tokens, revocation, introspection, throttling. */
    public static final String AUTHORIZATION_SERVER = "authorization-server";
    /** Debts, debtors, creditors, followups, statistics; Idempotency-Key, ETag/If-Match. */
    public static final String RESOURCES = "resources";
    /** Webhook delivery logs and statistics, and webhook delivery to a registered endpoint. */
    public static final String WEBHOOKS = "webhooks";
    /** The admin API: sessions, OAuth client management, signing keys. */
    public static final String ADMIN = "admin";
    /** Reports: generation, download links and the signed file endpoint. */
    public static final String REPORTS = "reports";
    /**
     * The authorization code grant with PKCE: the authorization endpoint, the sign-in and consent pages, codes
     * redeemed at the token endpoint.
     */
    public static final String AUTHORIZATION_CODE = "authorization-code";
    /** The partner client's pact files, replayed against the deployment. */
    public static final String CLIENT_PACTS = "client-pacts";

    /** Every capability, in the order the CLI help lists them. */
    public static final java.util.List<String> ALL = java.util.List.of(AUTHORIZATION_SERVER, RESOURCES, WEBHOOKS, ADMIN,
            REPORTS, AUTHORIZATION_CODE, CLIENT_PACTS);

    private static final Map<String, String> BY_TAG = Map.ofEntries(
            Map.entry("Debts", RESOURCES),
            Map.entry("Followups", RESOURCES),
            Map.entry("Debtors", RESOURCES),
            Map.entry("Creditors", RESOURCES),
            Map.entry("Statistics", RESOURCES),
            Map.entry("Reports", REPORTS),
            Map.entry("ReportFiles", REPORTS),
            Map.entry("WebhookLogs", WEBHOOKS),
            Map.entry("Revocation", AUTHORIZATION_SERVER),
            Map.entry("Introspection", AUTHORIZATION_SERVER),
            Map.entry("AdminSession", ADMIN),
            Map.entry("AdminClients", ADMIN),
            Map.entry("AdminKeys", ADMIN),
            Map.entry("Authorization", AUTHORIZATION_CODE));

    private Features() {
    }

    public static String ofTag(String tag) {
        return tag == null ? null : BY_TAG.get(tag);
    }
}
