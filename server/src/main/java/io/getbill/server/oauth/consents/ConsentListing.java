package io.getbill.server.oauth.consents;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** One line of the account page: a client the user authorized, with the scopes and when. */
@Introspected
public record ConsentListing(@MappedProperty("client_id") String clientId, @MappedProperty("name") String clientName,
                             @MappedProperty("scope") String scope, @MappedProperty("granted_at") Instant grantedAt) {
}
