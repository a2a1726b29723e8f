package io.getbill.server.infrastructure.errors;

import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.List;
import java.util.Optional;

/**
 * Constraint violations of a request (the contract's bounds, patterns, required fields) as a 400 envelope whose
 * {@code details} name each parameter, header or JSON field as the client wrote it ({@code amount_min},
 * {@code debts[3].amount}). The body's own rules ({@link RequestBodyRules}) run too and add their messages, so every
 * violated field is reported at once.
 */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    private final List<RequestBodyRules<?>> rules;

    public ConstraintViolationHandler(List<RequestBodyRules<?>> rules) {
        this.rules = rules;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        FieldErrors errors = new FieldErrors();
        Object body = null;
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            Located located = locate(request, violation);
            errors.add(located.field(), violation.getMessage());
            if (located.body() != null) {
                body = located.body();
            }
        }
        if (body != null) {
            applyRules(body, errors);
        }
        return ErrorEnvelopes.envelope(request, HttpStatus.BAD_REQUEST, "Validation failed", errors.asMap());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void applyRules(Object body, FieldErrors errors) {
        for (RequestBodyRules rule : rules) {
            if (rule.bodyType().isInstance(body)) {
                try {
                    rule.check(body, errors);
                } catch (RuntimeException ignored) {
                    // A rule that cannot read an invalid body adds nothing; the constraint messages stand.
                }
            }
        }
    }

    private record Located(String field, Object body) {
    }

    private static Located locate(HttpRequest<?> request, ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        Class<?> type = null;
        Object body = null;
        boolean inBody = false;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                Optional<Argument<?>> argument = RequestFieldNames.routeArgument(request, index);
                if (argument.isPresent() && RequestFieldNames.isBody(argument.get())) {
                    inBody = true;
                    type = argument.get().getType();
                    Object[] parameters = violation.getExecutableParameters();
                    if (parameters != null && index < parameters.length) {
                        body = parameters[index];
                        if (body != null) {
                            type = body.getClass();
                        }
                    }
                } else {
                    field.append(argument.map(RequestFieldNames::httpName).orElse(node.getName()));
                }
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.isInIterable() && node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(RequestFieldNames.jsonName(type, node.getName()));
                type = RequestFieldNames.propertyType(type, node.getName());
            }
        }
        if (field.isEmpty()) {
            field.append(inBody ? "body" : "request");
        }
        return new Located(field.toString(), body);
    }
}
