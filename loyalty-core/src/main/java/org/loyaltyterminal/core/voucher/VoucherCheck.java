package org.loyaltyterminal.core.voucher;

import java.time.LocalDate;
import java.util.Objects;

/** What the till makes of a typed or scanned voucher code, with a message for the cashier and the log. */
public sealed interface VoucherCheck {

    /** One line for the cashier's display and the log; never the code itself, which is a bearer token. */
    String message();

    /** Signed with the chain key and, if a day was given, not expired. Whether it was redeemed before is the store's question. */
    record Valid(VoucherCode code) implements VoucherCheck {
        public Valid {
            Objects.requireNonNull(code, "code");
        }

        @Override
        public String message() {
            return code.label() + ": valid through " + code.validThrough() + ", reward slot " + code.rewardSlot();
        }
    }

    /** Genuine, but {@code today} is after its last day of validity. */
    record Expired(VoucherCode code, LocalDate today) implements VoucherCheck {
        public Expired {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(today, "today");
        }

        @Override
        public String message() {
            return code.label() + ": expired at the end of " + code.validThrough() + " (today is " + today
                    + "); it cannot be redeemed";
        }
    }

    /** Not a voucher code at all: wrong length or a character outside the alphabet. */
    record Malformed(String reason) implements VoucherCheck {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String message() {
            return "voucher code not accepted: " + reason;
        }
    }

    /** The check character does not match: almost surely a typo. The signature was not looked at. */
    record CheckCharacterWrong() implements VoucherCheck {
        @Override
        public String message() {
            return "voucher code mistyped: the check character (the last one) does not match the others; "
                    + "retype the code from the voucher";
        }
    }

    /** Well-formed and typed consistently, but not signed with this chain's key: forged, from another chain, or two typos. */
    record SignatureInvalid() implements VoucherCheck {
        @Override
        public String message() {
            return "voucher code refused: its signature does not match this chain's voucher key; retype it once "
                    + "more with care, and if it is refused again the voucher is forged or from another chain";
        }
    }
}
