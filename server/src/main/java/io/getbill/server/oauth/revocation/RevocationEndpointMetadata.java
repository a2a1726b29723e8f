package io.getbill.server.oauth.revocation;

import io.getbill.server.oauth.protocol.OAuthEndpoints;
import io.getbill.server.api.model.AuthorizationServerMetadata;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.oauth.discovery.DiscoveryController;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.List;

/** Advertises the revocation endpoint in the server metadata (RFC 8414 §2, RFC 7009 §4). */
@Singleton
public class RevocationEndpointMetadata implements DiscoveryController.OptionalEndpoint {

    @Override
    public void describe(AuthorizationServerMetadata metadata, Issuer issuer, List<String> authMethods) {
        metadata.setRevocationEndpoint(URI.create(issuer.url(OAuthEndpoints.REVOCATION)));
        metadata.setRevocationEndpointAuthMethodsSupported(authMethods);
    }
}
