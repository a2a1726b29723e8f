package io.getbill.server.oauth.bearer;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;

/**
 * The OAuth client on whose behalf the current resource request runs, as carried by its access token. Every
 * resource query is scoped by {@link #companyId()}.
 */
@Singleton
public class Caller {

    private final SecurityService security;

    public Caller(SecurityService security) {
        this.security = security;
    }

    public String companyId() {
        return (String) authentication().getAttributes().get(AccessTokenClaims.COMPANY_ID);
    }

    public String clientId() {
        return authentication().getName();
    }

    private Authentication authentication() {
        return security.getAuthentication()
                .orElseThrow(() -> new IllegalStateException("No authenticated caller on this request"));
    }
}
