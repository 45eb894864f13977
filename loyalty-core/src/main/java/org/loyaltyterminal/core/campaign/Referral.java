package org.loyaltyterminal.core.campaign;

import java.util.Objects;
import java.util.Optional;

/**
 * A referral bonus (format 3, {@code "referral"}): a code made of {@code prefix} and the referrer's
 * card number, scanned in the visit that enrolled a new member, gives the referrer and the new
 * member their points, once per new member.
 */
public record Referral(String prefix, long referrerPoints, long newMemberPoints) {
    public Referral {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException(
                    "referral prefix must not be empty: without one any barcode would be a referral");
        }
        if (referrerPoints < 0 || newMemberPoints < 0 || referrerPoints + newMemberPoints == 0) {
            throw new IllegalArgumentException("referral points must not be negative and not both zero, were "
                    + referrerPoints + " and " + newMemberPoints);
        }
    }

    /** The referrer's card number, when {@code code} is a referral code. */
    public Optional<String> referrer(String code) {
        return code.startsWith(prefix) && code.length() > prefix.length()
                ? Optional.of(code.substring(prefix.length()))
                : Optional.empty();
    }
}
