package org.loyaltyterminal.terminal.voucher;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.loyaltyterminal.core.voucher.ForeignVoucherPolicy;
import org.loyaltyterminal.core.voucher.VoucherKey;

/**
 * Voucher issue and redemption, as configured under {@code voucher.*}.
 *
 * @param key            the chain's signing key; empty means vouchers are off on this terminal
 * @param terminalNumber this till's number in the chain (0..1023), signed into each code
 * @param storeTerminals the numbers of every till in this store, this one included, for
 *                       store-only rewards
 * @param foreign        what to do offline with a voucher another till issued
 * @param header         lines printed at the top of every voucher, e.g. the store's name
 * @param terms          a small-print line printed under every voucher, when the reward has none
 * @param barcode        how the code is printed besides as text
 * @param reprintCode    the control barcode that reprints the last voucher
 * @param currency       printed before values, e.g. "€"
 * @param zone           the store's time zone: the day of issue and of expiry are its dates
 */
public record VoucherConfig(
        Optional<VoucherKey> key,
        int terminalNumber,
        Set<Integer> storeTerminals,
        ForeignVoucherPolicy foreign,
        List<String> header,
        Optional<String> terms,
        VoucherBarcode barcode,
        String reprintCode,
        String currency,
        ZoneId zone) {
    public VoucherConfig {
        Objects.requireNonNull(key, "key");
        storeTerminals = Set.copyOf(storeTerminals);
        Objects.requireNonNull(foreign, "foreign");
        header = List.copyOf(header);
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(reprintCode, "reprintCode");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(zone, "zone");
    }

    /** Vouchers switched off: no key. Rewards that issue vouchers are then refused at start-up. */
    public boolean enabled() {
        return key.isPresent();
    }

    public static VoucherConfig off(ZoneId zone) {
        return new VoucherConfig(
                Optional.empty(),
                0,
                Set.of(0),
                new ForeignVoucherPolicy.Refuse(),
                List.of(),
                Optional.empty(),
                VoucherBarcode.QR,
                "REPRINT-VOUCHER",
                "€",
                zone);
    }
}
