package org.loyaltyterminal.hq.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
    private static final Set<String> KNOWN = Set.of("chain", "store");

    @Test
    void decodesKnownParametersOnce() {
        QueryParameters query =
                QueryParameters.parse("chain=acme%2Dnorth&store=&&store2", Set.of("chain", "store", "store2"));
        assertEquals(Optional.of("acme-north"), query.get("chain"));
        assertEquals(Optional.empty(), query.get("store"), "empty is absent");
        assertEquals(Optional.empty(), query.get("store2"), "a name without '=' has an empty value");
        assertEquals(Optional.empty(), QueryParameters.parse(null, KNOWN).get("chain"));
    }

    @Test
    void refusesWhatItDoesNotKnowOrCannotRead() {
        assertEquals(
                "the query string holds a malformed %-escape",
                assertThrows(FiguresRequestException.class, () -> QueryParameters.parse("chain=%zz", KNOWN))
                        .getMessage());
        assertEquals(
                "parameter 'chain' is given more than once",
                assertThrows(FiguresRequestException.class, () -> QueryParameters.parse("chain=a&chain=a", KNOWN))
                        .getMessage());
        assertEquals(
                "an unknown parameter; known are chain, store",
                assertThrows(FiguresRequestException.class, () -> QueryParameters.parse("x".repeat(40) + "=1", KNOWN))
                        .getMessage());
        assertEquals(
                "the query string is longer than 1024 characters",
                assertThrows(
                                FiguresRequestException.class,
                                () -> QueryParameters.parse("chain=" + "a".repeat(1019), KNOWN))
                        .getMessage());
        assertEquals(
                "a".repeat(1018),
                QueryParameters.parse("chain=" + "a".repeat(1018), KNOWN)
                        .get("chain")
                        .orElseThrow());
    }
}
