package io.getbill.server.oauth.consents;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The scopes a company user granted a client, remembered so that the consent page is not shown again. */
@MappedEntity("user_consents")
public record UserConsent(@EmbeddedId Key key, String scope, Instant grantedAt) {

    @Embeddable
    public record Key(String userId, String clientId) {
    }
}
