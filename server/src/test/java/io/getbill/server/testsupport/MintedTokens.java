package io.getbill.server.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.oauth.keys.SigningKeys;

import java.text.ParseException;
import java.util.function.UnaryOperator;

/**
 * Access tokens minted in a test with the server's own signing key, to reach the checks that come after the
 * signature (expiry, type, issuer, audience).
 */
public final class MintedTokens {

    private MintedTokens() {
    }

    /** {@code genuine}'s claims, changed by {@code claims}, signed by the server's active key with {@code header}. */
    public static String resign(SigningKeys keys, String genuine, UnaryOperator<JWSHeader.Builder> header,
                                UnaryOperator<JWTClaimsSet.Builder> claims) {
        SigningKeys.Active active = keys.active();
        return sign(active.signer(), header.apply(new JWSHeader.Builder(active.algorithm())
                .type(new JOSEObjectType("at+jwt")).keyID(active.kid())).build(), claims.apply(claimsOf(genuine)).build());
    }

    public static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public static JWTClaimsSet.Builder claimsOf(String token) {
        try {
            return new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet());
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JWSAlgorithm es256() {
        return JWSAlgorithm.ES256;
    }
}
