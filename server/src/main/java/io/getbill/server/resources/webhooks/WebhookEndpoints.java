package io.getbill.server.resources.webhooks;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.crypto.SecretBox;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.resources.events.EventType;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The registry of a company's webhook endpoints: register (the secret is returned once and stored only sealed),
 * list, get, update, delete, rotate the secret. Every operation is scoped by company: another company's endpoint
 * is "not found". URLs pass {@link WebhookAddressPolicy} on registration and on every URL change.
 */
@Singleton
public class WebhookEndpoints {

    /** Secrets carry 256 random bits; the prefix makes a leaked one recognisable to secret scanners. */
    public static final String SECRET_PREFIX = "whsec_";
    static final int SECRET_BITS = 256;
    static final int MAX_PER_COMPANY = 20;

    private final WebhookEndpointRepository repository;
    private final WebhookAddressPolicy policy;
    private final SecretBox box;

    public WebhookEndpoints(WebhookEndpointRepository repository, WebhookAddressPolicy policy, SecretBox box) {
        this.repository = repository;
        this.policy = policy;
        this.box = box;
    }

    /** What a registration asks for; {@code eventTypes} are wire names. */
    public record Registration(String url, Collection<String> eventTypes, @Nullable String description, boolean enabled) {
    }

    /** What an update changes; {@code null} leaves a field as it is. */
    public record Changes(@Nullable String url, @Nullable Collection<String> eventTypes, @Nullable String description,
                          @Nullable Boolean enabled) {
    }

    /** An endpoint with its secret in clear: returned by registration and rotation only. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    /** @throws ApiException 400 naming {@code url}, {@code event_types} or {@code description} */
    public WithSecret register(String companyId, Registration r, Instant now) {
        FieldErrors errors = new FieldErrors();
        checkUrl(r.url(), errors);
        Set<EventType> types = eventTypes(r.eventTypes(), errors);
        checkDescription(r.description(), errors);
        if (repository.countByCompanyId(companyId) >= MAX_PER_COMPANY) {
            errors.add("url", "At most " + MAX_PER_COMPANY + " webhook endpoints per company");
        }
        errors.throwIfAny();
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        String id = RandomValues.id();
        String secret = newSecret();
        WebhookEndpoint endpoint = repository.save(new WebhookEndpoint(id, companyId, r.url().strip(),
                blankToNull(r.description()), WebhookEndpoint.join(types), r.enabled(), seal(id, secret), at, at));
        return new WithSecret(endpoint, secret);
    }

    public List<WebhookEndpoint> list(String companyId) {
        return repository.findByCompany(companyId);
    }

    /** @throws ApiException 404 when the company has no such endpoint */
    public WebhookEndpoint get(String companyId, String id) {
        return repository.findByIdAndCompanyId(id, companyId).orElseThrow(WebhookEndpoints::notFound);
    }

    /** @throws ApiException 404 for no such endpoint, 400 naming the field that is not acceptable */
    public WebhookEndpoint update(String companyId, String id, Changes c, Instant now) {
        WebhookEndpoint current = get(companyId, id);
        FieldErrors errors = new FieldErrors();
        if (c.url() != null) {
            checkUrl(c.url(), errors);
        }
        Set<EventType> types = c.eventTypes() == null ? current.subscribed() : eventTypes(c.eventTypes(), errors);
        checkDescription(c.description(), errors);
        errors.throwIfAny();
        return repository.update(new WebhookEndpoint(current.id(), companyId,
                c.url() != null ? c.url().strip() : current.url(),
                c.description() != null ? blankToNull(c.description()) : current.description(),
                WebhookEndpoint.join(types), c.enabled() != null ? c.enabled() : current.enabled(),
                current.secretSealed(), current.createdAt(), now.truncatedTo(ChronoUnit.MICROS)));
    }

    /** Deletes the endpoint and its pending deliveries; its delivery logs stay. */
    public void delete(String companyId, String id) {
        if (repository.deleteScoped(id, companyId) == 0) {
            throw notFound();
        }
    }

    /** A new secret, effective for the next attempt; the old one stops signing at once. */
    public WithSecret rotateSecret(String companyId, String id, Instant now) {
        WebhookEndpoint current = get(companyId, id);
        String secret = newSecret();
        WebhookEndpoint rotated = repository.update(new WebhookEndpoint(current.id(), companyId, current.url(),
                current.description(), current.eventTypes(), current.enabled(), seal(current.id(), secret),
                current.createdAt(), now.truncatedTo(ChronoUnit.MICROS)));
        return new WithSecret(rotated, secret);
    }

    /** The endpoint's signing secret in clear, to sign one delivery. */
    String secret(String endpointId, String sealed) {
        return box.open(sealed, purpose(endpointId));
    }

    private String seal(String endpointId, String secret) {
        return box.seal(secret, purpose(endpointId));
    }

    /** The sealed value is bound to its endpoint: copying it to another row does not open. */
    private static String purpose(String endpointId) {
        return "webhook-endpoint-secret:" + endpointId;
    }

    private static String newSecret() {
        return SECRET_PREFIX + RandomValues.secret(SECRET_BITS);
    }

    private void checkUrl(String url, FieldErrors errors) {
        policy.refusal(url == null ? null : url.strip()).ifPresent(problem -> errors.add("url", problem));
    }

    private static Set<EventType> eventTypes(Collection<String> names, FieldErrors errors) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        if (names == null || names.isEmpty()) {
            errors.add("event_types", "At least one event type is required");
            return types;
        }
        for (String name : names) {
            EventType.fromWireName(name).ifPresentOrElse(types::add,
                    () -> errors.add("event_types", "Unknown event type: " + name));
        }
        return types;
    }

    private static void checkDescription(String description, FieldErrors errors) {
        if (description != null && description.length() > 255) {
            errors.add("description", "At most 255 characters");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static ApiException notFound() {
        return ApiException.notFound("Webhook endpoint not found");
    }
}
