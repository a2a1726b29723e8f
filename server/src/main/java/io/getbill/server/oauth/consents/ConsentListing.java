package io.getbill.server.oauth.consents;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** One line of the account page: a client the user authorized, with the scopes and when. */
@Introspected
public record ConsentListing(String clientId, String clientName, String scope, Instant grantedAt) {
}
