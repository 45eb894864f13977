package org.loyaltyterminal.device.nfc.pcsc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.DeviceWorker;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.nfc.CardListener;
import org.loyaltyterminal.device.nfc.CardRead;
import org.loyaltyterminal.device.nfc.CardReader;
import org.loyaltyterminal.device.nfc.pcsc.SmartcardioContext.ProviderException;
import org.loyaltyterminal.device.nfc.pcsc.SmartcardioContext.Trouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PC/SC contactless reader (ACR122U or another CCID reader) behind pcscd, read with
 * javax.smartcardio: the only class that drives it. One named platform thread per reader waits
 * for a card in pcscd (bounded by {@link PcscSettings#pollTimeout()}), asks the reader for the
 * card's UID with GET DATA {@code FF CA 00 00 00}, and reports one {@link CardRead} per
 * presentation; a card held on the reader is not reported again until it has been away for
 * {@link PcscSettings#absentBeforeRearm()}.
 *
 * <p>pcscd down or restarted, and the reader missing or unplugged, are not errors: the reader
 * logs one WARN line per outage, reports {@link ConnectionState#DISCONNECTED}, retries with
 * capped exponential backoff, and logs one INFO line when it reads again. After a pcscd restart
 * the JDK's PC/SC context is stale for the life of the JVM; the reader renews it (see
 * {@link SmartcardioContext}), which needs the JVM flag
 * {@code --add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED}. A libpcsclite that
 * does not load is a configuration error: {@link #start} throws.
 *
 * <p>UIDs are never logged. One-shot: {@link #start} once, {@link #close} once.
 */
public final class PcscCardReader implements CardReader {
    private static final Logger LOG = LoggerFactory.getLogger(PcscCardReader.class);
    private static final Duration JOIN_MARGIN = Duration.ofSeconds(2);
    private static final int READ_ATTEMPTS = 3;

    private final PcscSettings settings;
    private final Ticker ticker;
    private final Backoff backoff;
    private final SmartcardioContext provider = new SmartcardioContext();
    private final String component;
    private final DeviceWorker worker;
    private volatile ConnectionState state = ConnectionState.STOPPED;

    public PcscCardReader(PcscSettings settings, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.backoff = Backoff.doubling(settings.reconnectInitial(), settings.reconnectMax());
        this.component = "card reader '" + settings.name() + "' (PC/SC, "
                + (settings.readerFilter().isEmpty()
                        ? "first reader"
                        : "reader name contains '" + settings.readerFilter() + "'")
                + ")";
        this.worker = new DeviceWorker(component);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    /**
     * Checks that the PC/SC library loads, then starts the reader thread. pcscd or the reader
     * being absent is not an error here: the thread retries.
     *
     * @throws DeviceException when libpcsclite cannot be loaded, or the settings name a library the
     *                         JDK was not pointed at (see {@link PcscLibrary#select})
     */
    @Override
    public void start(CardListener listener) {
        Objects.requireNonNull(listener, "listener");
        worker.claimStart();
        settings.library().ifPresent(this::requireSelected);
        try {
            provider.terminals();
        } catch (ProviderException e) {
            if (e.trouble() == Trouble.LIBRARY) {
                worker.abandon();
                throw new DeviceException(PcscLibrary.unavailableMessage(component, e.getCause()), e.getCause());
            }
            // pcscd not there yet: the reader thread retries.
        }
        state = ConnectionState.DISCONNECTED;
        worker.run("nfc-pcsc-" + settings.name(), () -> run(listener), (thread, e) -> {
            LOG.error(
                    "{}: reader thread {} died; no more cards from this reader until the service restarts",
                    component,
                    thread.getName(),
                    e);
            state = ConnectionState.STOPPED;
        });
    }

    private void requireSelected(Path library) {
        String wanted = library.toString();
        Optional<String> selected = PcscLibrary.selected();
        if (!selected.equals(Optional.of(wanted))) {
            worker.abandon();
            throw new DeviceException(component + ": settings name the PC/SC library " + wanted + " but "
                    + PcscLibrary.PROPERTY + " is " + selected.orElse("(not set)") + "; call PcscLibrary.select("
                    + "settings.library()) in the composition root before the first reader starts, or pass -D"
                    + PcscLibrary.PROPERTY + "=" + wanted + " to the JVM");
        }
    }

    @Override
    public void close() {
        Duration wait = settings.pollTimeout().plus(JOIN_MARGIN);
        if (!worker.stop(
                wait,
                t -> LOG.warn(
                        "{}: reader thread {} did not stop within {} ms (blocked in pcscd?); "
                                + "leaving it, it is a daemon thread",
                        component,
                        t.getName(),
                        wait.toMillis()))) {
            return;
        }
        state = ConnectionState.STOPPED;
    }

    private boolean stopping() {
        return worker.stopping();
    }

    private void setState(ConnectionState s) {
        if (!stopping()) {
            state = s;
        }
    }

    private void run(CardListener listener) {
        int attempt = 0;
        boolean everConnected = false;
        boolean renewAdvised = false;
        long outageSince = 0;
        Optional<Lost> outage = Optional.empty();
        while (!stopping()) {
            try {
                CardTerminal terminal = findTerminal();
                setState(ConnectionState.CONNECTED);
                if (outage.isPresent()) {
                    LOG.info(
                            "{}: reader '{}' is back after {} ms; reading cards again",
                            component,
                            terminal.getName(),
                            Duration.ofNanos(ticker.nanos() - outageSince).toMillis());
                } else if (!everConnected) {
                    LOG.info("{}: reading cards from '{}'", component, terminal.getName());
                }
                outage = Optional.empty();
                everConnected = true;
                attempt = 0;
                readUntilLostOrStopped(terminal, listener);
            } catch (Lost lost) {
                if (stopping()) {
                    break;
                }
                setState(ConnectionState.DISCONNECTED);
                if (outage.isEmpty()) {
                    LOG.warn(
                            "{}: {}; no cards are read until it is back; retrying with backoff from {} ms up to "
                                    + "every {} ms",
                            component,
                            lost.getMessage(),
                            backoff.initial().toMillis(),
                            backoff.cap().toMillis());
                    outage = Optional.of(lost);
                    outageSince = ticker.nanos();
                } else {
                    LOG.debug("{}: still unavailable: {}", component, lost.getMessage());
                }
                if (lost.trouble == Trouble.SERVICE) {
                    if (provider.canRenew()) {
                        provider.renew();
                    } else if (!renewAdvised) {
                        LOG.error(
                                "{}: the JDK keeps one PC/SC context per process and cannot reconnect to a "
                                        + "restarted pcscd by itself; start the JVM with {} so the reader can renew it, "
                                        + "otherwise restart this service after pcscd restarts",
                                component,
                                SmartcardioContext.OPEN_FLAG);
                        renewAdvised = true;
                    }
                }
                worker.awaitStop(backoff.delay(attempt++));
            }
        }
    }

    private CardTerminal findTerminal() throws Lost {
        List<CardTerminal> all;
        try {
            all = terminals().list();
        } catch (CardException e) {
            throw Lost.of("cannot list PC/SC readers", e);
        }
        String filter = settings.readerFilter();
        for (CardTerminal t : all) {
            if (t.getName().contains(filter)) {
                return t;
            }
        }
        throw new Lost(
                Trouble.READER,
                (filter.isEmpty() ? "no PC/SC reader attached" : "no PC/SC reader name " + "contains '" + filter + "'")
                        + "; pcscd lists "
                        + all.stream().map(CardTerminal::getName).toList()
                        + " (check the USB cable, 'pcsc_scan -r', and that the pn533 kernel modules are blacklisted)");
    }

    private CardTerminals terminals() throws Lost {
        try {
            return provider.terminals();
        } catch (ProviderException e) {
            throw new Lost(
                    e.trouble() == Trouble.LIBRARY ? Trouble.SERVICE : e.trouble(),
                    "pcscd not reachable (" + SmartcardioContext.pcscCode(e).orElse(String.valueOf(e.getCause()))
                            + "); check 'systemctl status pcscd.socket pcscd'");
        }
    }

    /** Returns when stopping; throws when pcscd or the reader is gone. */
    private void readUntilLostOrStopped(CardTerminal terminal, CardListener listener) throws Lost {
        RearmGate gate = new RearmGate(settings.absentBeforeRearm());
        long pollMillis = settings.pollTimeout().toMillis();
        boolean cardThere = false;
        while (!stopping()) {
            try {
                if (!cardThere) {
                    boolean present = terminal.waitForCardPresent(pollMillis);
                    long now = ticker.nanos();
                    if (!present) {
                        gate.absent(now);
                        requireListed(terminal);
                        continue;
                    }
                    cardThere = true;
                    if (gate.present(now)) {
                        read(terminal, listener, now);
                    }
                } else if (terminal.waitForCardAbsent(pollMillis)) {
                    cardThere = false;
                    gate.absent(ticker.nanos());
                } else {
                    requireListed(terminal);
                }
            } catch (CardException e) {
                throw Lost.of("reader '" + terminal.getName() + "' failed", e);
            }
        }
    }

    private void requireListed(CardTerminal terminal) throws Lost {
        List<CardTerminal> all;
        try {
            all = terminals().list();
        } catch (CardException e) {
            throw Lost.of("cannot list PC/SC readers", e);
        }
        if (all.stream().noneMatch(t -> t.getName().equals(terminal.getName()))) {
            throw new Lost(
                    Trouble.READER,
                    "reader '" + terminal.getName() + "' was removed; pcscd lists "
                            + all.stream().map(CardTerminal::getName).toList());
        }
    }

    /**
     * One presentation: connect, GET DATA, report. A card-level failure (the card left, or the
     * reader lost it mid-exchange) is retried while the card is still on the reader, up to
     * {@value #READ_ATTEMPTS} attempts; then this presentation ends without a read.
     */
    private void read(CardTerminal terminal, CardListener listener, long now) throws Lost {
        for (int attempt = 1; ; attempt++) {
            Optional<String> failure = readOnce(terminal, listener, now);
            if (failure.isEmpty()) {
                return;
            }
            boolean stillThere;
            try {
                stillThere = terminal.isCardPresent();
            } catch (CardException e) {
                throw Lost.of("reader '" + terminal.getName() + "' failed", e);
            }
            if (!stillThere || attempt >= READ_ATTEMPTS || stopping()) {
                LOG.info(
                        "{}: {} after {} attempt(s); no card read reported, present the card again",
                        component,
                        failure.get(),
                        attempt);
                return;
            }
            LOG.debug("{}: {}; the card is still there, trying again", component, failure.get());
        }
    }

    /** @return why the card could not be read, empty when it was read or answered for good */
    private Optional<String> readOnce(CardTerminal terminal, CardListener listener, long now) throws Lost {
        Card card;
        try {
            card = terminal.connect("*");
        } catch (CardException e) {
            return Optional.of(cardFailure("connecting to the card", e));
        }
        try {
            byte[] response = card.getBasicChannel()
                    .transmit(new CommandAPDU(GetData.UID_COMMAND))
                    .getBytes();
            switch (GetData.parse(response)) {
                case GetData.Uid uid ->
                    deliver(listener, new CardRead(settings.name(), uid.uid(), Optional.empty(), now));
                case GetData.Refused refused ->
                    LOG.warn(
                            "{}: the card on '{}' answered GET DATA ({}) with status {} "
                                    + "({}); no card read reported; it is not a card this reader can identify, present it again "
                                    + "or use a member card",
                            component,
                            terminal.getName(),
                            GetData.hex(GetData.UID_COMMAND),
                            refused.hex(),
                            GetData.meaning(refused.sw()));
                case GetData.Malformed malformed ->
                    LOG.warn(
                            "{}: the card on '{}' answered GET DATA ({}) with {} " + "bytes: {}; no card read reported",
                            component,
                            terminal.getName(),
                            GetData.hex(GetData.UID_COMMAND),
                            malformed.length(),
                            malformed.reason());
            }
            return Optional.empty();
        } catch (CardException e) {
            return Optional.of(cardFailure("reading the UID", e));
        } finally {
            try {
                card.disconnect(false);
            } catch (CardException | IllegalStateException e) {
                LOG.debug("{}: disconnecting from the card: {}", component, e.toString());
            }
        }
    }

    /** @return a description of a card-level failure; throws when pcscd or the reader is gone */
    private String cardFailure(String doing, CardException e) throws Lost {
        Trouble trouble = SmartcardioContext.classify(e);
        if (trouble != Trouble.CARD) {
            throw Lost.of("failed while " + doing, e);
        }
        return "the card left or did not answer while " + doing + " ("
                + SmartcardioContext.pcscCode(e).orElse(e.getMessage()) + ")";
    }

    private void deliver(CardListener listener, CardRead read) {
        LOG.debug("{}: card read, {}-byte UID", component, read.uid().length());
        try {
            listener.onCard(read);
        } catch (RuntimeException e) {
            LOG.warn("{}: card listener threw {}; this read is lost, reading continues", component, e, e);
        }
    }

    /** pcscd, the context or the reader is gone; carries what to log (once per outage). */
    private static final class Lost extends Exception {
        private final Trouble trouble;

        Lost(Trouble trouble, String message) {
            super(message, null, false, false);
            this.trouble = trouble;
        }

        static Lost of(String what, CardException e) {
            Trouble trouble = SmartcardioContext.classify(e);
            String code = SmartcardioContext.pcscCode(e).orElse(e.getMessage());
            return switch (trouble) {
                case SERVICE, LIBRARY ->
                    new Lost(
                            Trouble.SERVICE,
                            what + ": pcscd stopped or restarted (" + code
                                    + "); check 'systemctl status pcscd.socket pcscd'");
                case READER ->
                    new Lost(
                            Trouble.READER,
                            what + ": reader unavailable (" + code + "); check the USB cable and 'pcsc_scan -r'");
                case CARD -> new Lost(Trouble.CARD, what + " (" + code + ")");
            };
        }
    }
}
