package io.getbill.server.resources.ratelimit;

import io.micronaut.http.HttpMethod;

/** The two request classes the public API limits separately: reads (1,000/h) and writes (500/h) by default. */
enum RequestClass {
    READ("r"),
    WRITE("w");

    private final String code;

    RequestClass(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static RequestClass of(String code) {
        return "w".equals(code) ? WRITE : READ;
    }

    static RequestClass of(HttpMethod method) {
        return switch (method) {
            case GET, HEAD, OPTIONS -> READ;
            default -> WRITE;
        };
    }
}
