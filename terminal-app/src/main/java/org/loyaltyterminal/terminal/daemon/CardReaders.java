package org.loyaltyterminal.terminal.daemon;

import java.util.function.Function;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.nfc.CardReader;
import org.loyaltyterminal.device.nfc.pcsc.PcscCardReader;
import org.loyaltyterminal.device.nfc.pcsc.PcscLibrary;
import org.loyaltyterminal.device.nfc.pcsc.PcscSettings;
import org.loyaltyterminal.device.nfc.pn532.Pn532Reader;
import org.loyaltyterminal.device.nfc.pn532.Pn532Settings;
import org.loyaltyterminal.terminal.config.NfcConfig;

/** Builds the contactless reader adapter the config asks for. */
public final class CardReaders implements Function<NfcConfig, CardReader> {
    private final Ticker ticker;

    public CardReaders(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public CardReader apply(NfcConfig nfc) {
        return switch (nfc.kind()) {
            case PN532 ->
                new Pn532Reader(
                        Pn532Settings.defaults(nfc.port().orElseThrow())
                                .withName(nfc.name())
                                .withReadNdef(nfc.readNdef())
                                .withAbsentBeforeRearm(nfc.absent()),
                        ticker);
            case PCSC -> pcsc(nfc);
        };
    }

    private PcscCardReader pcsc(NfcConfig nfc) {
        PcscSettings settings = PcscSettings.defaults()
                .withName(nfc.name())
                .withReaderFilter(nfc.readerFilter())
                .withAbsentBeforeRearm(nfc.absent());
        if (nfc.pcscLibrary().isPresent()) {
            // A JVM-wide property of the JDK's PC/SC provider: set here, before the reader starts.
            PcscLibrary.select(nfc.pcscLibrary().get());
            settings = settings.withLibrary(nfc.pcscLibrary().get());
        }
        return new PcscCardReader(settings, ticker);
    }
}
