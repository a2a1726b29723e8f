package io.getbill.server.resources.timelines;

import java.util.Arrays;
import java.util.Optional;

/** When a timeline starts for a debt: the day it is assigned, or the next allowed business day. */
public enum StartMode {
    IMMEDIATE("immediate"),
    NEXT_DAY("next_day");

    private final String wireName;

    StartMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<StartMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
