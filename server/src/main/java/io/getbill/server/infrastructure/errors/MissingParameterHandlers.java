package io.getbill.server.infrastructure.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ErrorExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * A required query, path or header parameter that is absent: Micronaut's own handlers report it without naming it,
 * so the envelope ({@link EnvelopeErrorResponseProcessor}) could only say "Malformed request". These name the
 * parameter as the client writes it, giving {@code details: {"expires": ["Required"]}}.
 */
public final class MissingParameterHandlers {

    private MissingParameterHandlers() {
    }

    static Error required(Argument<?> argument) {
        String name = argument == null ? "request" : RequestFieldNames.httpName(argument);
        return new Error() {
            @Override
            public Optional<String> getPath() {
                return Optional.of(name);
            }

            @Override
            public String getMessage() {
                return "Required";
            }
        };
    }

    /** A required route argument the router could not bind. */
    @Produces
    @Singleton
    @Replaces(UnsatisfiedRouteHandler.class)
    public static class Route extends ErrorExceptionHandler<UnsatisfiedRouteException> {
        public Route(ErrorResponseProcessor<?> responseProcessor) {
            super(responseProcessor);
        }

        @Override
        protected Error error(UnsatisfiedRouteException exception) {
            return required(exception.getArgument());
        }
    }

    /** A required argument a binder found absent. */
    @Produces
    @Singleton
    @Replaces(UnsatisfiedArgumentHandler.class)
    public static class Arguments extends ErrorExceptionHandler<UnsatisfiedArgumentException> {
        public Arguments(ErrorResponseProcessor<?> responseProcessor) {
            super(responseProcessor);
        }

        @Override
        protected Error error(UnsatisfiedArgumentException exception) {
            return required(exception.getArgument());
        }
    }
}
