package io.getbill.server.infrastructure.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.util.Locale;
import java.util.Map;

/**
 * Renders the server's HTML pages from Thymeleaf templates under {@code views/} (escaped by default: every value a
 * user or client chose is text, never markup) and builds the page answers: a page with a status, or a 303 See Other —
 * never 302 or 307, so that a browser turns a form POST into a GET on the next hop (RFC 9700 §4.12).
 */
@Singleton
public class Pages {

    private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

    private final TemplateEngine engine;

    public Pages(TemplateEngine engine) {
        this.engine = engine;
    }

    /** Template {@code view} rendered with {@code model}, answered with {@code status}. */
    public MutableHttpResponse<String> page(HttpStatus status, String view, Map<String, ?> model) {
        Context context = new Context(Locale.ENGLISH);
        model.forEach(context::setVariable);
        String html = engine.process(view, context);
        return HttpResponse.<String>status(status).contentType(HTML).body(html);
    }

    /** The error page: a title and a message, nothing from the request echoed as markup. */
    public MutableHttpResponse<String> error(HttpStatus status, String title, String message) {
        return page(status, "error", Map.of("title", title, "message", message));
    }

    /** 303 See Other to {@code location}. */
    public static MutableHttpResponse<String> seeOther(String location) {
        return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", location);
    }
}
