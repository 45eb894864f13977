package org.loyaltyterminal.core.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VoucherCodecTest {
    private static final VoucherKey KEY = VoucherKey.of(bytes(0x00, 32));
    private static final VoucherKey OTHER_CHAIN = VoucherKey.of(bytes(0x55, 32));
    private static final Pattern PRINTED = Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 31);

    private final VoucherCodec codec = new VoucherCodec();

    @Test
    void roundTripsRandomFields() {
        Random random = new Random(20251123);
        for (int i = 0; i < 2_000; i++) {
            VoucherCode code = randomCode(random);
            String printed = codec.issue(code, KEY);
            assertTrue(PRINTED.matcher(printed).matches(), () -> "not grouped Crockford base32: " + printed);
            assertEquals(
                    new VoucherCheck.Valid(code), codec.verify(printed, KEY), () -> code + " printed as " + printed);
        }
    }

    @Test
    void roundTripsTheLimitsOfEveryField() {
        for (VoucherCode code : List.of(
                new VoucherCode(0, 0, VoucherCode.FIRST_DAY, 0),
                new VoucherCode(
                        VoucherCode.MAX_TERMINAL,
                        VoucherCode.MAX_SEQUENCE,
                        VoucherCode.LAST_DAY,
                        VoucherCode.MAX_REWARD_SLOT))) {
            assertEquals(new VoucherCheck.Valid(code), codec.verify(codec.issue(code, KEY), KEY), code::toString);
        }
    }

    @Test
    void fieldsSitAtTheDocumentedPlaces() {
        String printed = codec.issue(new VoucherCode(VoucherCode.MAX_TERMINAL, 0, VoucherCode.FIRST_DAY, 0), KEY);
        // symbols 1-2: terminal, 10 bits = 1023
        assertEquals("ZZ", printed.substring(0, 2), printed);
        // symbols 3-6: sequence, 20 bits = 0
        assertEquals("00-00", printed.substring(2, 7), printed);
        // symbols 7-8 and the first 3 bits of 9: expiry day number, 13 bits = 0;
        // the last 2 bits of 9, all of 10 and the first bit of 11: reward slot, 8 bits = 0
        assertEquals("00-00", printed.substring(7, 12), printed);

        String sequenceOne = codec.issue(new VoucherCode(0, 1, VoucherCode.FIRST_DAY, 0), KEY);
        // the sequence's lowest bit is the lowest bit of symbol 6
        assertEquals("0000-01", sequenceOne.substring(0, 7), sequenceOne);
    }

    @Test
    void pinnedCodeStaysVerifiable() {
        // Codes already printed must keep verifying: this value fixes layout, domain string and MAC truncation.
        // 0C: terminal 12; 00AS: sequence 345; the rest: day 395, slot 7, 24 MAC bits, check symbol 9
        VoucherCode code = new VoucherCode(12, 345, LocalDate.of(2026, 1, 31), 7);
        String printed = codec.issue(code, KEY);
        assertEquals(PINNED, printed);
        assertEquals(new VoucherCheck.Valid(code), codec.verify(PINNED, KEY));
    }

    private static final String PINNED = "0C00-AS1H-C3HA-PD89";

    @Test
    void everySingleSubstitutionIsCaughtByTheCheckCharacter() {
        Random random = new Random(7);
        int tried = 0;
        for (int n = 0; n < 200; n++) {
            String symbols = canonical(codec.issue(randomCode(random), KEY));
            for (int position = 0; position < symbols.length(); position++) {
                for (char replacement : VoucherAlphabet.SYMBOLS.toCharArray()) {
                    if (replacement == symbols.charAt(position)) {
                        continue;
                    }
                    String typo = symbols.substring(0, position) + replacement + symbols.substring(position + 1);
                    VoucherCheck check = codec.verify(typo, KEY);
                    assertInstanceOf(VoucherCheck.CheckCharacterWrong.class, check, () -> typo + " from " + symbols);
                    tried++;
                }
            }
        }
        assertEquals(200 * 16 * 31, tried);
    }

    @Test
    void everyTranspositionIsCaughtByTheCheckCharacter() {
        Random random = new Random(11);
        int adjacent = 0;
        for (int n = 0; n < 500; n++) {
            String symbols = canonical(codec.issue(randomCode(random), KEY));
            for (int i = 0; i < symbols.length(); i++) {
                for (int j = i + 1; j < symbols.length(); j++) {
                    if (symbols.charAt(i) == symbols.charAt(j)) {
                        continue;
                    }
                    char[] swapped = symbols.toCharArray();
                    swapped[i] = symbols.charAt(j);
                    swapped[j] = symbols.charAt(i);
                    String typo = new String(swapped);
                    assertInstanceOf(
                            VoucherCheck.CheckCharacterWrong.class,
                            codec.verify(typo, KEY),
                            () -> typo + " from " + symbols);
                    if (j == i + 1) {
                        adjacent++;
                    }
                }
            }
        }
        assertTrue(adjacent > 500 * 14, "too few adjacent swaps tried: " + adjacent);
    }

    @Test
    void acceptsLowerCaseSeparatorsAndLookAlikes() {
        String printed = codeContaining('0', '1');
        VoucherCheck expected = codec.verify(printed, KEY);
        assertInstanceOf(VoucherCheck.Valid.class, expected, printed);
        String plain = canonical(printed);
        for (String typed : List.of(
                printed.toLowerCase(Locale.ROOT),
                plain,
                plain.toLowerCase(Locale.ROOT),
                " " + printed.replace('-', ' ') + " ",
                plain.substring(0, 8) + "--" + plain.substring(8),
                printed.replace('1', 'I').replace('0', 'O'),
                printed.replace('1', 'l').replace('0', 'o'),
                printed.replace('1', 'i'))) {
            assertEquals(expected, codec.verify(typed, KEY), () -> "typed " + typed + " for " + printed);
        }
    }

    @Test
    void refusesWrongLengthAndForeignCharacters() {
        String plain = canonical(codec.issue(new VoucherCode(1, 2, DAY, 3), KEY));
        assertMalformed(plain.substring(1), "it has 15 characters, a voucher code has 16");
        assertMalformed(plain + "7", "it has 17 characters, a voucher code has 16");
        assertMalformed("", "it has 0 characters");
        assertMalformed("X".repeat(65), "it has 65 characters");
        assertMalformed("U" + plain.substring(1), "character 'U' (number 1) is not used in voucher codes");
        assertMalformed(plain.substring(0, 5) + "*" + plain.substring(6), "character '*' (number 6)");
        assertMalformed(plain.substring(0, 5) + "é" + plain.substring(6), "character 'é' (number 6)");
    }

    @Test
    void refusesACodeSignedWithAnotherChainsKey() {
        String foreign = codec.issue(new VoucherCode(1, 2, DAY, 3), OTHER_CHAIN);
        VoucherCheck check = codec.verify(foreign, KEY);
        assertInstanceOf(VoucherCheck.SignatureInvalid.class, check, foreign);
        assertTrue(check.message().contains("forged or from another chain"), check.message());
    }

    @Test
    void flippingAnyBitWithAConsistentCheckCharacterBreaksTheSignature() {
        Random random = new Random(3);
        for (int n = 0; n < 20; n++) {
            String printed = codec.issue(randomCode(random), KEY);
            int[] symbols = values(canonical(printed));
            long fields = VoucherCodec.fields(symbols);
            long mac = VoucherCodec.mac(symbols);
            // bits 0-23 flip the MAC, 24-74 the 51 field bits: a forger changing either must guess the MAC
            for (int bit = 0; bit < 75; bit++) {
                String forged = bit < 24
                        ? VoucherCodec.print(fields, mac ^ (1L << bit))
                        : VoucherCodec.print(fields ^ (1L << (bit - 24)), mac);
                VoucherCheck check = codec.verify(forged, KEY);
                int flipped = bit;
                assertInstanceOf(
                        VoucherCheck.SignatureInvalid.class,
                        check,
                        () -> "bit " + flipped + " flipped: " + forged + " from " + printed);
            }
        }
    }

    @Test
    void aVoucherIsValidThroughTheWholeOfItsLastDay() {
        VoucherCode code = new VoucherCode(4, 5, DAY, 6);
        String printed = codec.issue(code, KEY);
        assertEquals(new VoucherCheck.Valid(code), codec.verify(printed, KEY, DAY.minusDays(30)));
        assertEquals(new VoucherCheck.Valid(code), codec.verify(printed, KEY, DAY));
        VoucherCheck nextDay = codec.verify(printed, KEY, DAY.plusDays(1));
        assertEquals(new VoucherCheck.Expired(code, DAY.plusDays(1)), nextDay);
        assertEquals(
                "voucher 4/5: expired at the end of 2026-03-31 (today is 2026-04-01); it cannot be redeemed",
                nextDay.message());
    }

    @Test
    void aForgedCodeIsNotReportedAsExpired() {
        String foreign = codec.issue(new VoucherCode(4, 5, DAY, 6), OTHER_CHAIN);
        assertInstanceOf(VoucherCheck.SignatureInvalid.class, codec.verify(foreign, KEY, DAY.plusDays(1)));
        String typo = canonical(foreign).substring(0, 15) + (canonical(foreign).charAt(15) == '0' ? '1' : '0');
        assertInstanceOf(VoucherCheck.CheckCharacterWrong.class, codec.verify(typo, KEY, DAY.plusDays(1)));
    }

    @Test
    void differentVouchersGetDifferentCodes() {
        String first = codec.issue(new VoucherCode(1, 1, DAY, 1), KEY);
        String second = codec.issue(new VoucherCode(1, 2, DAY, 1), KEY);
        assertNotEquals(first, second);
    }

    private void assertMalformed(String typed, String reasonPart) {
        VoucherCheck check = codec.verify(typed, KEY);
        VoucherCheck.Malformed malformed = assertInstanceOf(VoucherCheck.Malformed.class, check, typed);
        assertTrue(malformed.reason().contains(reasonPart), () -> "reason for " + typed + ": " + malformed.reason());
    }

    private String codeContaining(char a, char b) {
        Random random = new Random(5);
        List<String> seen = new ArrayList<>();
        for (int n = 0; n < 1_000; n++) {
            String printed = codec.issue(randomCode(random), KEY);
            if (printed.indexOf(a) >= 0 && printed.indexOf(b) >= 0) {
                return printed;
            }
            seen.add(printed);
        }
        throw new AssertionError("no code with " + a + " and " + b + " among " + seen.size());
    }

    private static VoucherCode randomCode(Random random) {
        return new VoucherCode(
                random.nextInt(VoucherCode.MAX_TERMINAL + 1),
                random.nextInt(VoucherCode.MAX_SEQUENCE + 1),
                VoucherCode.FIRST_DAY.plusDays(random.nextInt(1 << VoucherCode.DAY_BITS)),
                random.nextInt(VoucherCode.MAX_REWARD_SLOT + 1));
    }

    private static String canonical(String printed) {
        return printed.replace("-", "");
    }

    private static int[] values(String symbols) {
        int[] values = new int[symbols.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = VoucherAlphabet.SYMBOLS.indexOf(symbols.charAt(i));
        }
        return values;
    }

    private static byte[] bytes(int value, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (value + i);
        }
        return bytes;
    }
}
