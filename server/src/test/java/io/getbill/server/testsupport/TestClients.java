package io.getbill.server.testsupport;

import java.util.Set;

/** The clients of {@code test-bootstrap.yaml}, with the secrets tests authenticate with. */
public final class TestClients {

    /** Acme Recovery: every scope, client_credentials and refresh_token. */
    public static final String FULL_ID = "acme-full";
    public static final String FULL_SECRET = "acme-full-secret-0123456789-abcdefghijklmnop";
    /** Acme Recovery: debts:read only, client_credentials only. */
    public static final String READER_ID = "acme-reader";
    public static final String READER_SECRET = "acme-reader-secret-0123456789-abcdefghijklmn";
    /** Acme Recovery: debts:read debts:write company:read, client_credentials and refresh_token. */
    public static final String PARTNER_ID = "acme-partner";
    public static final String PARTNER_SECRET = "acme-partner-secret-0123456789-abcdefghijklm";
    /** Acme Recovery: a disabled client. */
    public static final String DISABLED_ID = "acme-disabled";
    public static final String DISABLED_SECRET = "acme-disabled-secret-0123456789-abcdefghijklm";
    /** Beta Collections (a second company): every scope, client_credentials only. */
    public static final String BETA_ID = "beta-full";
    public static final String BETA_SECRET = "beta-full-secret-0123456789-abcdefghijklmnopq";

    /** Beta Collections: company:read debts:read, client_credentials and refresh_token. */
    public static final String BETA_REFRESH_ID = "beta-refresh";
    public static final String BETA_REFRESH_SECRET = "beta-refresh-secret-0123456789-abcdefghijklmn";

    public static final String ACME = "Acme Recovery";
    public static final String BETA = "Beta Collections";

    public static final Set<String> ALL_SCOPES = Set.of("debts:read", "debts:write", "debtors:read", "debtors:write",
            "creditors:read", "creditors:write", "followups:read", "followups:write", "reports:read", "company:read",
            "users:read", "webhooks:read");

    private TestClients() {
    }
}
