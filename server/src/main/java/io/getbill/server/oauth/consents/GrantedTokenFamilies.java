package io.getbill.server.oauth.consents;

import java.util.Set;

/**
 * The token families a client holds for a user (from codes and refresh tokens), so that a withdrawal can revoke
 * them; implemented where the codes are, so that consents depend on no other capability's tables.
 */
public interface GrantedTokenFamilies {

    Set<String> liveFamilies(String clientId, String userId);
}
