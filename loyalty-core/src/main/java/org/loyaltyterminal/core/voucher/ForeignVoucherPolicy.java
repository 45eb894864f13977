package org.loyaltyterminal.core.voucher;

/**
 * What a terminal does with a genuine voucher that another till issued. Offline, a till knows
 * only its own redemptions (and, once HQ sync runs, those HQ has told it of), so a voucher from
 * elsewhere might already have been redeemed there: the chain chooses the risk it takes. HQ
 * reports a voucher redeemed twice as a conflict.
 */
public sealed interface ForeignVoucherPolicy {

    /** Whether a foreign voucher worth {@code valueCents} is accepted. */
    boolean accepts(long valueCents);

    /** One phrase for the refusal message and the docs. */
    String describe();

    record Accept() implements ForeignVoucherPolicy {
        @Override
        public boolean accepts(long valueCents) {
            return true;
        }

        @Override
        public String describe() {
            return "accept";
        }
    }

    record Refuse() implements ForeignVoucherPolicy {
        @Override
        public boolean accepts(long valueCents) {
            return false;
        }

        @Override
        public String describe() {
            return "refuse vouchers issued at other tills";
        }
    }

    /** Accept up to a value: a small reward risks little, a large one waits for HQ. */
    record UpToValue(long maxCents) implements ForeignVoucherPolicy {
        public UpToValue {
            if (maxCents < 0) {
                throw new IllegalArgumentException("foreign voucher limit " + maxCents + " must be 0 or more cents");
            }
        }

        @Override
        public boolean accepts(long valueCents) {
            return valueCents <= maxCents;
        }

        @Override
        public String describe() {
            return "accept vouchers issued at other tills worth up to " + maxCents + " cents";
        }
    }
}
