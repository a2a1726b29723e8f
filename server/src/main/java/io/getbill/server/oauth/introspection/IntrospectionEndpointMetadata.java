package io.getbill.server.oauth.introspection;

import io.getbill.server.oauth.protocol.OAuthEndpoints;
import io.getbill.server.api.model.AuthorizationServerMetadata;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.oauth.discovery.DiscoveryController;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.List;

/** Advertises the introspection endpoint in the server metadata (RFC 8414 §2, RFC 7662 §4). */
@Singleton
public class IntrospectionEndpointMetadata implements DiscoveryController.OptionalEndpoint {

    @Override
    public void describe(AuthorizationServerMetadata metadata, Issuer issuer, List<String> authMethods) {
        metadata.setIntrospectionEndpoint(URI.create(issuer.url(OAuthEndpoints.INTROSPECTION)));
        metadata.setIntrospectionEndpointAuthMethodsSupported(authMethods);
    }
}
