package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckDigitsTest {

    @Test
    void computesTheReferenceExamples() {
        assertEquals(1, CheckDigits.compute("400638133393"), "EAN-13 400638133393?");
        assertEquals(2, CheckDigits.compute("03600029145"), "UPC-A 03600029145?");
        assertEquals(1, CheckDigits.compute("2012345"), "EAN-8 2012345?");
    }

    @Test
    void validatesEachLength() {
        assertTrue(CheckDigits.isValidEan13("4006381333931"), "EAN-13 4006381333931");
        assertTrue(CheckDigits.isValidUpcA("036000291452"), "UPC-A 036000291452");
        assertTrue(CheckDigits.isValidEan8("20123451"), "EAN-8 20123451");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4006381333932", "4006381333930", "4006381333391", "400638133393"})
    void rejectsAWrongCheckDigitATranspositionOrWrongLengthForEan13(String code) {
        assertFalse(CheckDigits.isValidEan13(code), code + " should not be a valid EAN-13");
    }

    @Test
    void rejectsWrongUpcAAndEan8() {
        assertFalse(CheckDigits.isValidUpcA("036000291453"), "UPC-A with check 3");
        assertFalse(CheckDigits.isValidEan8("20123452"), "EAN-8 with check 2");
        assertFalse(CheckDigits.isValidEan8("2012345A"), "EAN-8 with a letter");
    }

    @Test
    void expandsUpcEByItsLastDataDigit() {
        // 0 + 425261 + 4 -> 0 42 5 0000 261 + 4 (last digit 1: manufacturer 42100, product 00xxx)
        assertEquals(Optional.of("042100005264"), CheckDigits.expandUpcE("04252614"));
        assertTrue(CheckDigits.isValidUpcE("04252614"), "UPC-E 04252614 (UPC-A 042100005264)");
        assertFalse(CheckDigits.isValidUpcE("04252615"), "UPC-E with check 5");
        assertEquals(Optional.empty(), CheckDigits.expandUpcE("24252614"), "number system 2 is not UPC-E");
    }

    @Test
    void computeRefusesNonDigits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckDigits.compute("12a"));
        assertTrue(e.getMessage().contains("digits"), e.getMessage());
    }
}
