package org.loyaltyterminal.hq.privacy;

import java.time.Instant;
import java.util.Locale;
import org.loyaltyterminal.hq.HqException;

/**
 * A member's answer to one purpose, as given: when, where (a till's form, the web shop, a call)
 * and to which wording. Marketing and profiling are asked for separately. Loyalty itself needs no
 * consent (it is the contract the member joined), so refusing either never changes an award.
 */
public record Consent(
        String member, Purpose purpose, boolean granted, Instant givenAt, String source, String wordingVersion) {

    public enum Purpose {
        MARKETING,
        PROFILING;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Purpose of(String text) {
            for (Purpose purpose : values()) {
                if (purpose.wire().equals(text)) {
                    return purpose;
                }
            }
            throw new HqException("purpose '" + text + "' is not one of marketing, profiling");
        }
    }

    public Consent {
        if (source.isBlank() || source.length() > 200) {
            throw new HqException("a consent's source says where it was given, 1-200 characters");
        }
        if (wordingVersion.isBlank() || wordingVersion.length() > 64) {
            throw new HqException("a consent names the version of the wording the member saw, 1-64 characters");
        }
    }
}
