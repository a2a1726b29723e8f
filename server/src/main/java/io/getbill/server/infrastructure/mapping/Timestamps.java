package io.getbill.server.infrastructure.mapping;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** The contract's one timestamp form: RFC 3339 in UTC with {@code Z}, to the second. */
public final class Timestamps {

    private Timestamps() {
    }

    public static ZonedDateTime utc(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
    }
}
