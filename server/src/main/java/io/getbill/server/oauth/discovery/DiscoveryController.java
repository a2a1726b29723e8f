package io.getbill.server.oauth.discovery;

import io.getbill.server.oauth.protocol.OAuthEndpoints;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.getbill.server.api.DiscoveryApi;
import io.getbill.server.api.model.AuthorizationServerMetadata;
import io.getbill.server.api.model.JsonWebKey;
import io.getbill.server.api.model.JsonWebKeyAlg;
import io.getbill.server.api.model.JsonWebKeyCrv;
import io.getbill.server.api.model.JsonWebKeyKty;
import io.getbill.server.api.model.JsonWebKeySet;
import io.getbill.server.api.model.JsonWebKeyUse;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.oauth.keys.SigningKeys;
import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.Scope;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * Authorization server metadata (RFC 8414) and the JSON Web Key Set (RFC 7517). The metadata advertises exactly
 * what this server accepts; the JWKS holds public members only.
 */
@Controller
public class DiscoveryController implements DiscoveryApi {

    /** Client authentication methods the OAuth endpoints really accept (RFC 8414 §2). */
    static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post");

    private final Issuer issuer;
    private final SigningKeys keys;
    private final List<OptionalEndpoint> endpoints;

    /**
     * An OAuth endpoint beyond the token endpoint that a bean of this server implements, advertised in the metadata
     * only when it exists.
     */
    public interface OptionalEndpoint {
        void describe(AuthorizationServerMetadata metadata, Issuer issuer, List<String> authMethods);
    }

    public DiscoveryController(Issuer issuer, SigningKeys keys, List<OptionalEndpoint> endpoints) {
        this.issuer = issuer;
        this.keys = keys;
        this.endpoints = endpoints;
    }

    @Override
    public HttpResponse<AuthorizationServerMetadata> getAuthorizationServerMetadata() {
        AuthorizationServerMetadata metadata = new AuthorizationServerMetadata(
                URI.create(issuer.value()),
                URI.create(issuer.url(OAuthEndpoints.TOKEN)),
                URI.create(issuer.url("/.well-known/jwks.json")),
                Arrays.stream(GrantType.values()).map(GrantType::value).toList(),
                List.of(),
                Scope.ALL,
                AUTH_METHODS);
        metadata.setServiceDocumentation(URI.create(issuer.url("/openapi.yaml")));
        endpoints.forEach(endpoint -> endpoint.describe(metadata, issuer, AUTH_METHODS));
        return HttpResponse.ok(metadata);
    }

    @Override
    public HttpResponse<JsonWebKeySet> getJsonWebKeySet() {
        List<JsonWebKey> published = keys.publicKeys().getKeys().stream().map(DiscoveryController::toApi).toList();
        return HttpResponse.ok(new JsonWebKeySet(published));
    }

    private static JsonWebKey toApi(JWK jwk) {
        JsonWebKey key = new JsonWebKey(JsonWebKeyKty.fromValue(jwk.getKeyType().getValue()), jwk.getKeyID(),
                JsonWebKeyUse.SIG, JsonWebKeyAlg.fromValue(jwk.getAlgorithm().getName()));
        if (jwk instanceof ECKey ec) {
            key.setCrv(JsonWebKeyCrv.fromValue(ec.getCurve().getName()));
            key.setX(ec.getX().toString());
            key.setY(ec.getY().toString());
        } else if (jwk instanceof RSAKey rsa) {
            key.setN(rsa.getModulus().toString());
            key.setE(rsa.getPublicExponent().toString());
        }
        return key;
    }
}
