package io.getbill.server.oauth.authorization;

import io.getbill.server.api.model.AuthorizationServerMetadata;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.oauth.discovery.DiscoveryController;
import io.getbill.server.oauth.protocol.OAuthEndpoints;
import io.getbill.server.oauth.protocol.TokenEndpointAuthMethod;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What the authorization code flow adds to the server metadata (RFC 8414 §2): the authorization endpoint, response
 * type {@code code}, PKCE method {@code S256} only (RFC 7636 §6.2 registry), {@code none} as a token endpoint
 * authentication method (public clients), and {@code iss} on every authorization response (RFC 9207 §3).
 */
@Singleton
public class AuthorizationEndpointMetadata implements DiscoveryController.OptionalEndpoint {

    @Override
    public void describe(AuthorizationServerMetadata metadata, Issuer issuer, List<String> authMethods) {
        metadata.setAuthorizationEndpoint(URI.create(issuer.url(OAuthEndpoints.AUTHORIZATION)));
        metadata.setResponseTypesSupported(List.of("code"));
        metadata.setCodeChallengeMethodsSupported(List.of(Pkce.S256));
        metadata.setAuthorizationResponseIssParameterSupported(true);
        List<String> tokenMethods = new ArrayList<>(metadata.getTokenEndpointAuthMethodsSupported());
        tokenMethods.add(TokenEndpointAuthMethod.NONE.value());
        metadata.setTokenEndpointAuthMethodsSupported(tokenMethods);
    }
}
