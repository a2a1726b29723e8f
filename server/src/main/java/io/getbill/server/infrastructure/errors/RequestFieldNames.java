package io.getbill.server.infrastructure.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;

import java.util.Optional;

/**
 * The names a client knows: {@code details} must name the query parameter ({@code amount_min}), the header
 * ({@code Idempotency-Key}) or the JSON field ({@code debts[3].internal_id}), not the Java names the framework
 * reports ({@code amountMin}, {@code internalId}).
 */
final class RequestFieldNames {

    private RequestFieldNames() {
    }

    /** The argument of the matched route at {@code index}, when the request matched a controller method. */
    static Optional<Argument<?>> routeArgument(HttpRequest<?> request, int index) {
        return RouteAttributes.getRouteMatch(request)
                .filter(MethodBasedRouteMatch.class::isInstance)
                .map(m -> ((MethodBasedRouteMatch<?, ?>) m).getArguments())
                .filter(args -> index >= 0 && index < args.length)
                .map(args -> args[index]);
    }

    static boolean isBody(Argument<?> argument) {
        return argument.getAnnotationMetadata().hasAnnotation(Body.class);
    }

    /** The HTTP name of a query, path or header argument. */
    static String httpName(Argument<?> argument) {
        AnnotationMetadata metadata = argument.getAnnotationMetadata();
        return metadata.stringValue(QueryValue.class)
                .or(() -> metadata.stringValue(Header.class))
                .or(() -> metadata.stringValue(PathVariable.class))
                .filter(s -> !s.isEmpty())
                .orElse(argument.getName());
    }

    /** The JSON name of a property of a request type (its {@code @JsonProperty}), else the Java name. */
    static String jsonName(Class<?> type, String property) {
        if (type == null) {
            return property;
        }
        Optional<BeanIntrospection<Object>> introspection = BeanIntrospector.SHARED.findIntrospection((Class<Object>) type);
        return introspection.flatMap(i -> i.getProperty(property))
                .flatMap(p -> p.stringValue(JsonProperty.class))
                .filter(s -> !s.isEmpty())
                .orElse(property);
    }

    /** The type of a property, or the element type of a collection property. */
    static Class<?> propertyType(Class<?> type, String property) {
        if (type == null) {
            return null;
        }
        Optional<BeanIntrospection<Object>> introspection = BeanIntrospector.SHARED.findIntrospection((Class<Object>) type);
        return introspection.flatMap(i -> i.getProperty(property))
                .map(BeanProperty::asArgument)
                .map(a -> a.isContainerType() && a.getFirstTypeVariable().isPresent() ? a.getFirstTypeVariable().get().getType() : a.getType())
                .orElse(null);
    }
}
