package io.getbill.conformance.core;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Signs tokens with the server's own current key — available only in the build, where the kit runs beside the
 * server (its {@code SigningKeys} bean). It lets the kit present tokens that are correctly signed but wrong in
 * another way: expired, of the wrong {@code typ}, for another audience.
 */
@FunctionalInterface
public interface TokenMinter {

    /**
     * @param typ the JOSE {@code typ} header, or {@code null} for none
     * @return the compact serialization
     */
    String mint(String typ, JWTClaimsSet claims) throws Exception;
}
