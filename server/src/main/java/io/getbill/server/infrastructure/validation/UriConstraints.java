package io.getbill.server.infrastructure.validation;

import io.micronaut.context.annotation.Factory;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Size;

import java.net.URI;

/**
 * The generator turns {@code format: uri} with {@code maxLength} into a {@code @Size} on a {@link URI} field, for
 * which Bean Validation has no validator (every validation of such a type would fail). This one bounds the URI's
 * text, as the contract means.
 */
@Factory
class UriConstraints {

    @Singleton
    ConstraintValidator<Size, URI> uriSize() {
        return (value, annotation, context) -> {
            if (value == null) {
                return true;
            }
            int length = value.toString().length();
            return length >= annotation.intValue("min").orElse(0)
                    && length <= annotation.intValue("max").orElse(Integer.MAX_VALUE);
        };
    }
}
