package org.loyaltyterminal.device.print;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * A printer code page: the number sent with {@code ESC t n} and the Java charset that produces
 * the bytes the printer expects under it. The numbering differs between printer makers, so the
 * pair is configuration, not a fixed table.
 *
 * @param number  the {@code n} of {@code ESC t n}, 0..255
 * @param charset the matching Java charset; must be able to encode
 */
public record CodePage(int number, Charset charset) {
    /** Epson numbering: 19 = PC858 (CP850 with the euro sign). The usual choice in the euro area. */
    public static final CodePage PC858 = new CodePage(19, Charset.forName("IBM00858"));
    /** Epson numbering: 16 = WPC1252 (windows-1252). */
    public static final CodePage WPC1252 = new CodePage(16, Charset.forName("windows-1252"));

    public CodePage {
        Objects.requireNonNull(charset, "charset");
        if (number < 0 || number > 255) {
            throw new IllegalArgumentException("code page: number " + number + " must be 0..255 (the n of ESC t n)");
        }
        if (!charset.canEncode()) {
            throw new IllegalArgumentException("code page " + number + ": charset " + charset.name()
                    + " cannot encode; pick a single-byte printer charset such as IBM00858");
        }
    }
}
