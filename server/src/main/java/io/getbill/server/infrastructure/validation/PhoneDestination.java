package io.getbill.server.infrastructure.validation;

import java.util.Set;

/**
 * Where a call goes and what it costs, after the public credit table (France mainland 25 credits per call, EU 1.2x,
 * DOM-TOM 4x, Maghreb 5x). The table says nothing of other countries or of premium-rate numbers: both are charged
 * at its highest rate. Anything above the mainland rate is expensive and needs {@code accept_expensive_destination}.
 */
public enum PhoneDestination {
    FRANCE_MAINLAND("France mainland", 25, "1.0x"),
    EU("EU", 30, "1.2x"),
    DOM_TOM("DOM-TOM", 100, "4.0x"),
    MAGHREB("Maghreb", 125, "5.0x"),
    PREMIUM_RATE("premium-rate number", 125, "5.0x"),
    REST_OF_WORLD("outside France, the EU, the DOM-TOM and the Maghreb", 125, "5.0x");

    private static final int STANDARD_CREDITS = 25;
    private static final Set<String> EU_REGIONS = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
    private static final Set<String> DOM_TOM_REGIONS = Set.of("GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC",
            "PF", "WF");
    private static final Set<String> MAGHREB_REGIONS = Set.of("MA", "DZ", "TN", "LY", "MR");

    private final String label;
    private final int creditsPerCall;
    private final String multiplier;

    PhoneDestination(String label, int creditsPerCall, String multiplier) {
        this.label = label;
        this.creditsPerCall = creditsPerCall;
        this.multiplier = multiplier;
    }

    static PhoneDestination of(String region, boolean premiumRate) {
        if (premiumRate) {
            return PREMIUM_RATE;
        }
        if ("FR".equals(region)) {
            return FRANCE_MAINLAND;
        }
        if (EU_REGIONS.contains(region)) {
            return EU;
        }
        if (DOM_TOM_REGIONS.contains(region)) {
            return DOM_TOM;
        }
        if (MAGHREB_REGIONS.contains(region)) {
            return MAGHREB;
        }
        return REST_OF_WORLD;
    }

    public boolean expensive() {
        return creditsPerCall > STANDARD_CREDITS;
    }

    public int creditsPerCall() {
        return creditsPerCall;
    }

    /** The message of the 422 (single create or update) or of the failed batch item. */
    public String confirmationMessage() {
        return "Expensive destination " + label + ": " + creditsPerCall + " credits per call (" + multiplier
                + "). Set accept_expensive_destination to true to accept it.";
    }
}
