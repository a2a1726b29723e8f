package io.getbill.server.resources.timelines;

import java.util.Arrays;
import java.util.Optional;

/**
 * The channels a timeline step can use; {@link #wireName()} is both the step's {@code channel} and the {@code type}
 * of the followup it schedules (the followup types of the same names).
 */
public enum Channel {
    CALL("call"),
    EMAIL("email"),
    SMS("sms"),
    WHATSAPP("whatsapp");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the channel reaches the debtor's phone (call, SMS, WhatsApp) rather than the email address. */
    public boolean usesPhone() {
        return this != EMAIL;
    }

    public static Optional<Channel> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}
