package org.loyaltyterminal.device.nfc.pn532;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.nfc.CardListener;
import org.loyaltyterminal.device.nfc.CardRead;
import org.loyaltyterminal.device.nfc.CardReader;
import org.loyaltyterminal.device.nfc.pn532.NtagNdef.NeedMore;
import org.loyaltyterminal.device.nfc.pn532.NtagNdef.Refused;
import org.loyaltyterminal.device.nfc.pn532.NtagNdef.Text;
import org.loyaltyterminal.device.nfc.pn532.Pn532Link.LinkLost;
import org.loyaltyterminal.device.nfc.pn532.Pn532Responses.ExchangeReply;
import org.loyaltyterminal.device.nfc.pn532.Pn532Responses.FirmwareVersion;
import org.loyaltyterminal.device.nfc.pn532.Pn532Responses.Target;
import org.loyaltyterminal.device.serial.LineLost;
import org.loyaltyterminal.device.serial.LineProblem;
import org.loyaltyterminal.device.serial.LineSettings;
import org.loyaltyterminal.device.serial.OpenFailed;
import org.loyaltyterminal.device.serial.ReconnectingDevice;
import org.loyaltyterminal.device.serial.SerialLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PN532 on a serial line (HSU), a {@link SerialLine}. One named platform thread (a
 * {@link ReconnectingDevice}) opens the port by path, wakes the chip (SAMConfiguration
 * first), logs its firmware once, sets MaxRetries so that polls return, and then polls with
 * InListPassiveTarget. Each presentation of a card is reported once; see {@link Presentations}.
 *
 * <p>Every command has a timeout for its ACK and for its response; see {@link Pn532Session}. A
 * single failed command is logged at DEBUG and polling goes on; three in a row re-run the
 * start-up sequence; a chip that does not answer that either is handled like a lost device.
 *
 * <p>A device that is missing at start, or that disappears later, is not an error: the reader
 * closes the port, logs one WARN line, reports {@link ConnectionState#DISCONNECTED} and retries
 * with capped exponential backoff, then logs one INFO "reconnected" line. Card UIDs are never
 * logged, only their length.
 *
 * <p>One-shot: {@link #start} once, {@link #close} once.
 */
public final class Pn532Reader implements CardReader {
    private static final Logger LOG = LoggerFactory.getLogger(Pn532Reader.class);
    private static final int READ_SLICE_MILLIS = 100;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(3);
    private static final int FAILURES_BEFORE_RESTART = 3;
    private static final int NDEF_ATTEMPTS = 3;
    /** SAMConfiguration virtual-card timeout, 20 x 50 ms; irrelevant in normal mode, as libnfc sends it. */
    private static final Pn532Command SAM_CONFIGURATION = new Pn532Command.SamConfiguration(0x14, true);
    /** ATR_RES 1, PSL 0, passive activation 1: InListPassiveTarget answers "no card" at once. */
    private static final Pn532Command MAX_RETRIES = new Pn532Command.RfMaxRetries(1, 0, 1);

    private static final Pn532Command POLL = new Pn532Command.InListPassiveTarget(1);

    private final Pn532Settings settings;
    private final Ticker ticker;
    private final String component;
    private final ReconnectingDevice reader;

    public Pn532Reader(Pn532Settings settings, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.component = "nfc reader '" + settings.name() + "' (" + settings.port() + ")";
        this.reader = new ReconnectingDevice(
                component,
                settings.port(),
                LineSettings.eightNoneOne(settings.baud(), READ_SLICE_MILLIS),
                Backoff.doubling(settings.reconnectInitial(), settings.reconnectMax()),
                LOG);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ConnectionState state() {
        return reader.state();
    }

    @Override
    public void start(CardListener listener) {
        Objects.requireNonNull(listener, "listener");
        reader.claimStart();
        reader.run(
                "nfc-reader-" + settings.name(),
                "no more cards from this reader until the service restarts",
                (line, connected) -> runOn(line, connected, listener));
    }

    @Override
    public void close() {
        reader.stop(JOIN_TIMEOUT);
    }

    private boolean stopping() {
        return reader.stopping();
    }

    /** One session on an open line: start the chip, report it, poll until stopped or lost. */
    private void runOn(SerialLine line, ReconnectingDevice.Connected connected, CardListener listener)
            throws LineLost, OpenFailed {
        Pn532Session session = new Pn532Session(new SerialLink(line), ticker);
        try {
            FirmwareVersion fw = startUp(session);
            connected.report("opened at " + settings.baud() + " baud, PN532 " + fw, "reconnected, PN532 " + fw);
            pollUntilStopped(session, listener);
        } catch (LinkLost e) {
            throw new LineLost(e.getMessage());
        }
    }

    /** Wake-up, SAMConfiguration (first), GetFirmwareVersion, RFConfiguration MaxRetries. */
    private FirmwareVersion startUp(Pn532Session session) throws LinkLost, OpenFailed {
        try {
            session.wakeUp();
            Pn532Responses.empty(session.execute(SAM_CONFIGURATION, settings.startupTimeout()), SAM_CONFIGURATION);
            FirmwareVersion fw = Pn532Responses.firmwareVersion(
                    session.execute(new Pn532Command.GetFirmwareVersion(), settings.commandTimeout()));
            Pn532Responses.empty(session.execute(MAX_RETRIES, settings.commandTimeout()), MAX_RETRIES);
            return fw;
        } catch (DeviceException e) {
            throw new OpenFailed(new LineProblem(
                    LineProblem.Kind.NOT_ANSWERING,
                    "port open but the PN532 does not answer (" + e.getMessage()
                            + "); check wiring, power and that the board is in HSU mode"));
        }
    }

    /** Polls until the reader is closed (return) or the link is lost (throw). */
    private void pollUntilStopped(Pn532Session session, CardListener listener) throws LinkLost, OpenFailed {
        Presentations presentations = new Presentations(settings.absentBeforeRearm());
        int failures = 0;
        Bytes ndefPendingFor = Bytes.EMPTY;
        int ndefAttempts = 0;
        while (!stopping()) {
            try {
                List<Target> targets = Pn532Responses.targets(session.execute(POLL, settings.commandTimeout()));
                failures = 0;
                long now = ticker.nanos();
                if (targets.isEmpty()) {
                    presentations.nothingSeen(now);
                } else {
                    Target card = targets.getFirst();
                    Bytes uid = card.uid();
                    if (presentations.seen(uid, now)) {
                        Optional<String> member = Optional.empty();
                        boolean report = true;
                        if (settings.readNdef()) {
                            if (!ndefPendingFor.equals(uid)) {
                                ndefPendingFor = uid;
                                ndefAttempts = 0;
                            }
                            NdefRead r = readMemberNumber(session, card.tg());
                            if (r.interrupted() && ++ndefAttempts < NDEF_ATTEMPTS) {
                                LOG.debug(
                                        "{}: card ({}-byte UID) NDEF read cut short ({}); trying again",
                                        component,
                                        uid.length(),
                                        r.detail());
                                presentations.forget();
                                report = false;
                            } else {
                                member = r.memberNumber();
                                if (member.isEmpty()) {
                                    LOG.debug(
                                            "{}: card ({}-byte UID) has no member number: {}",
                                            component,
                                            uid.length(),
                                            r.detail());
                                }
                            }
                        }
                        if (report) {
                            ndefPendingFor = Bytes.EMPTY;
                            deliver(listener, new CardRead(settings.name(), uid, member, now));
                        }
                    }
                }
            } catch (CommandFailed | Pn532ProtocolException e) {
                failures++;
                LOG.debug("{}: poll failed ({} in a row): {}", component, failures, e.getMessage());
                if (failures >= FAILURES_BEFORE_RESTART) {
                    LOG.info(
                            "{}: {} polls in a row failed, last: {}; re-running the start-up sequence",
                            component,
                            failures,
                            e.getMessage());
                    startUp(session);
                    failures = 0;
                }
            }
            reader.awaitStop(settings.pollInterval());
        }
    }

    private record NdefRead(Optional<String> memberNumber, boolean interrupted, String detail) {}

    /** Reads pages from 4 on until the NDEF TLV is complete (at most {@link NtagNdef#MAX_BYTES}). */
    private NdefRead readMemberNumber(Pn532Session session, int tg) throws LinkLost {
        byte[] memory = new byte[0];
        while (true) {
            NtagNdef.Outcome outcome = memory.length == 0 ? new NeedMore(16) : NtagNdef.parse(memory);
            switch (outcome) {
                case Text t -> {
                    return new NdefRead(Optional.of(t.text()), false, "ok");
                }
                case Refused r -> {
                    return new NdefRead(Optional.empty(), false, r.reason());
                }
                case NeedMore m -> {
                    int page = NtagNdef.FIRST_PAGE + memory.length / 4;
                    Pn532Command read = Pn532Command.InDataExchange.ntagRead(tg, page);
                    ExchangeReply reply;
                    try {
                        reply = Pn532Responses.exchange(session.execute(read, settings.commandTimeout()));
                    } catch (CommandFailed | Pn532ProtocolException e) {
                        return new NdefRead(Optional.empty(), true, e.getMessage());
                    }
                    if (!reply.status().ok()) {
                        return new NdefRead(
                                Optional.empty(),
                                reply.status().transientFailure(),
                                "READ page " + page + ": " + reply.status());
                    }
                    byte[] block;
                    try {
                        block = Pn532Responses.ntagReadBytes(reply);
                    } catch (Pn532ProtocolException e) {
                        return new NdefRead(Optional.empty(), false, e.getMessage());
                    }
                    byte[] grown = Arrays.copyOf(memory, memory.length + block.length);
                    System.arraycopy(block, 0, grown, memory.length, block.length);
                    memory = grown;
                }
            }
        }
    }

    private void deliver(CardListener listener, CardRead read) {
        LOG.debug(
                "{}: card presented ({}-byte UID, member number {})",
                component,
                read.uid().length(),
                read.memberNumber().isPresent() ? "read" : "none");
        try {
            listener.onCard(read);
        } catch (RuntimeException e) {
            LOG.warn("{}: card listener threw {}; this card read is lost, polling continues", component, e, e);
        }
    }

    /** The serial line as the session's byte line; a link asked to work while the reader stops is lost with "". */
    private final class SerialLink implements Pn532Link {
        private final SerialLine line;

        SerialLink(SerialLine line) {
            this.line = line;
        }

        @Override
        public void write(byte[] bytes) throws LinkLost {
            if (stopping()) {
                throw new LinkLost("");
            }
            try {
                line.write(bytes);
            } catch (LineLost e) {
                throw new LinkLost(stopping() ? "" : e.getMessage());
            }
        }

        @Override
        public int read(byte[] buf) throws LinkLost {
            if (stopping()) {
                throw new LinkLost("");
            }
            try {
                int n = line.read(buf);
                if (n == 0) {
                    line.ensurePresent();
                }
                return n;
            } catch (LineLost e) {
                throw new LinkLost(stopping() ? "" : e.getMessage());
            }
        }
    }
}
