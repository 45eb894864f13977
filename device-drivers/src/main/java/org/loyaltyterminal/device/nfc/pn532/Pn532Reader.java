package org.loyaltyterminal.device.nfc.pn532;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.DeviceWorker;
import org.loyaltyterminal.device.ReconnectBackoff;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PN532 on a serial line (HSU), read with jSerialComm: the only class of this package that
 * imports it. One named platform thread opens the port by path, wakes the chip (SAMConfiguration
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
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int FAILURES_BEFORE_RESTART = 3;
    private static final int NDEF_ATTEMPTS = 3;
    /** SAMConfiguration virtual-card timeout, 20 x 50 ms; irrelevant in normal mode, as libnfc sends it. */
    private static final Pn532Command SAM_CONFIGURATION = new Pn532Command.SamConfiguration(0x14, true);
    /** ATR_RES 1, PSL 0, passive activation 1: InListPassiveTarget answers "no card" at once. */
    private static final Pn532Command MAX_RETRIES = new Pn532Command.RfMaxRetries(1, 0, 1);

    private static final Pn532Command POLL = new Pn532Command.InListPassiveTarget(1);

    private enum ProblemKind {
        ABSENT,
        PERMISSION,
        NOT_ANSWERING,
        OTHER
    }

    private final Pn532Settings settings;
    private final Ticker ticker;
    private final ReconnectBackoff backoff;
    private final String component;
    private final DeviceWorker worker;
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile SerialPort openPort;

    public Pn532Reader(Pn532Settings settings, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.backoff = new ReconnectBackoff(settings.reconnectInitial(), settings.reconnectMax());
        this.component = "nfc reader '" + settings.name() + "' (" + settings.port() + ")";
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

    @Override
    public void start(CardListener listener) {
        Objects.requireNonNull(listener, "listener");
        worker.claimStart();
        state = ConnectionState.DISCONNECTED;
        worker.run("nfc-reader-" + settings.name(), () -> run(listener), (thread, e) -> {
            LOG.error(
                    "{}: reader thread {} died; no more cards from this reader until the service restarts",
                    component,
                    thread.getName(),
                    e);
            closeQuietly(openPort);
            state = ConnectionState.STOPPED;
        });
    }

    @Override
    public void close() {
        if (!worker.stop(JOIN_TIMEOUT, t -> {
            LOG.warn(
                    "{}: reader thread {} did not stop within {} ms; closing the port under it",
                    component,
                    t.getName(),
                    JOIN_TIMEOUT.toMillis());
            closeQuietly(openPort);
        })) {
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
        ProblemKind lastProblem = null;
        try {
            while (!stopping()) {
                SerialPort port;
                try {
                    port = open();
                } catch (OpenFailed failed) {
                    setState(ConnectionState.DISCONNECTED);
                    if (failed.kind != lastProblem) {
                        LOG.warn(
                                "{}: {}; retrying with backoff from {} ms up to every {} ms",
                                component,
                                failed.getMessage(),
                                backoff.initial().toMillis(),
                                backoff.max().toMillis());
                        lastProblem = failed.kind;
                    }
                    worker.awaitStop(backoff.delay(attempt++));
                    continue;
                }
                openPort = port;
                Pn532Session session = new Pn532Session(new SerialLink(port), ticker);
                String lost;
                try {
                    FirmwareVersion fw = startUp(session);
                    attempt = 0;
                    setState(ConnectionState.CONNECTED);
                    if (everConnected || lastProblem != null) {
                        LOG.info("{}: reconnected, PN532 {}", component, fw);
                    } else {
                        LOG.info("{}: opened at {} baud, PN532 {}", component, settings.baud(), fw);
                    }
                    everConnected = true;
                    lastProblem = null;
                    lost = pollUntilLostOrStopped(session, listener);
                } catch (LinkLost e) {
                    lost = e.getMessage();
                } catch (NotAnswering e) {
                    closeQuietly(port);
                    openPort = null;
                    setState(ConnectionState.DISCONNECTED);
                    if (lastProblem != ProblemKind.NOT_ANSWERING) {
                        LOG.warn(
                                "{}: port open but the PN532 does not answer ({}); check wiring, power and "
                                        + "that the board is in HSU mode; retrying with backoff from {} ms up to every {} ms",
                                component,
                                e.getMessage(),
                                backoff.initial().toMillis(),
                                backoff.max().toMillis());
                        lastProblem = ProblemKind.NOT_ANSWERING;
                    }
                    worker.awaitStop(backoff.delay(attempt++));
                    continue;
                }
                closeQuietly(port);
                openPort = null;
                if (lost.isEmpty() || stopping()) {
                    break;
                }
                setState(ConnectionState.DISCONNECTED);
                LOG.warn(
                        "{}: {}; port closed, retrying with backoff from {} ms up to every {} ms",
                        component,
                        lost,
                        backoff.initial().toMillis(),
                        backoff.max().toMillis());
                lastProblem = ProblemKind.ABSENT;
                worker.awaitStop(backoff.delay(attempt++));
            }
        } finally {
            closeQuietly(openPort);
            openPort = null;
        }
    }

    /** Wake-up, SAMConfiguration (first), GetFirmwareVersion, RFConfiguration MaxRetries. */
    private FirmwareVersion startUp(Pn532Session session) throws LinkLost, NotAnswering {
        try {
            session.wakeUp();
            Pn532Responses.empty(session.execute(SAM_CONFIGURATION, settings.startupTimeout()), SAM_CONFIGURATION);
            FirmwareVersion fw = Pn532Responses.firmwareVersion(
                    session.execute(new Pn532Command.GetFirmwareVersion(), settings.commandTimeout()));
            Pn532Responses.empty(session.execute(MAX_RETRIES, settings.commandTimeout()), MAX_RETRIES);
            return fw;
        } catch (DeviceException e) {
            throw new NotAnswering(e.getMessage());
        }
    }

    /** @return what happened to the device, or "" when the reader is being closed */
    private String pollUntilLostOrStopped(Pn532Session session, CardListener listener) throws LinkLost, NotAnswering {
        Presentations presentations = new Presentations(settings.absentBeforeRearm());
        int failures = 0;
        byte[] ndefPendingFor = new byte[0];
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
                    byte[] uid = card.uid();
                    if (presentations.seen(uid, now)) {
                        Optional<String> member = Optional.empty();
                        boolean report = true;
                        if (settings.readNdef()) {
                            if (!Arrays.equals(ndefPendingFor, uid)) {
                                ndefPendingFor = uid;
                                ndefAttempts = 0;
                            }
                            NdefRead r = readMemberNumber(session, card.tg());
                            if (r.interrupted() && ++ndefAttempts < NDEF_ATTEMPTS) {
                                LOG.debug(
                                        "{}: card ({}-byte UID) NDEF read cut short ({}); trying again",
                                        component,
                                        uid.length,
                                        r.detail());
                                presentations.forget();
                                report = false;
                            } else {
                                member = r.memberNumber();
                                if (member.isEmpty()) {
                                    LOG.debug(
                                            "{}: card ({}-byte UID) has no member number: {}",
                                            component,
                                            uid.length,
                                            r.detail());
                                }
                            }
                        }
                        if (report) {
                            ndefPendingFor = new byte[0];
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
            worker.awaitStop(settings.pollInterval());
        }
        return "";
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
                read.uid().length,
                read.memberNumber().isPresent() ? "read" : "none");
        try {
            listener.onCard(read);
        } catch (RuntimeException e) {
            LOG.warn("{}: card listener threw {}; this card read is lost, polling continues", component, e, e);
        }
    }

    private SerialPort open() throws OpenFailed {
        Path path = settings.port();
        if (!Files.exists(path)) {
            throw new OpenFailed(ProblemKind.ABSENT, "device not found");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path.toString());
        } catch (RuntimeException e) {
            throw new OpenFailed(ProblemKind.OTHER, "cannot use the path as a serial port: " + e);
        }
        port.setComPortParameters(settings.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_SLICE_MILLIS, 0);
        if (port.openPort()) {
            return port;
        }
        int code = port.getLastErrorCode();
        if (code == EACCES) {
            String user = ProcessHandle.current().info().user().orElse("(unknown user)");
            throw new OpenFailed(ProblemKind.PERMISSION, permissionDeniedMessage(path, user, owningGroup(path)));
        }
        if (!Files.exists(path)) {
            throw new OpenFailed(ProblemKind.ABSENT, "device not found");
        }
        throw new OpenFailed(
                ProblemKind.OTHER,
                "open failed with error code " + code
                        + " (16 = busy: another process holds the port's exclusive lock)");
    }

    /** The message for EACCES: names the device, the user and the group to join. */
    static String permissionDeniedMessage(Path path, String user, String group) {
        return "permission denied opening " + path + " (error 13, EACCES) as user '" + user
                + "'; the device belongs to group '" + group + "': run 'sudo usermod -aG " + group + " " + user
                + "' and restart the service";
    }

    private static String owningGroup(Path path) {
        try {
            GroupPrincipal group = (GroupPrincipal) Files.getAttribute(path, "posix:group");
            return group.getName();
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return "dialout";
        }
    }

    private static void closeQuietly(SerialPort port) {
        if (port != null && port.isOpen()) {
            port.closePort();
        }
    }

    /** The serial port as the session's byte line. */
    private final class SerialLink implements Pn532Link {
        private static final int MAX_INTERRUPTED_READS = 3;
        private final SerialPort port;

        SerialLink(SerialPort port) {
            this.port = port;
        }

        @Override
        public void write(byte[] bytes) throws LinkLost {
            if (stopping()) {
                throw new LinkLost("");
            }
            int n = port.writeBytes(bytes, bytes.length);
            if (n != bytes.length) {
                throw new LinkLost("write failed (" + n + " of " + bytes.length + " bytes, error code "
                        + port.getLastErrorCode() + "), device unplugged or gone");
            }
        }

        @Override
        public int read(byte[] buf) throws LinkLost {
            int interrupted = 0;
            while (true) {
                if (stopping()) {
                    throw new LinkLost("");
                }
                int n = port.readBytes(buf, buf.length);
                if (n > 0) {
                    return n;
                }
                if (n == 0) {
                    if (!Files.exists(settings.port())) {
                        throw new LinkLost("device path disappeared");
                    }
                    return 0;
                }
                int code = port.getLastErrorCode();
                // A signal (SIGTERM at shutdown) can end a read with EINTR or EAGAIN while the device is fine.
                if ((code == EINTR || code == EAGAIN)
                        && ++interrupted <= MAX_INTERRUPTED_READS
                        && Files.exists(settings.port())) {
                    continue;
                }
                throw new LinkLost(
                        stopping()
                                ? ""
                                : "read failed (" + (code == 0 ? "hang-up" : "error code " + code)
                                        + "), device unplugged or gone");
            }
        }
    }

    /** The port is open but the chip does not complete the start-up sequence. */
    private static final class NotAnswering extends Exception {
        NotAnswering(String message) {
            super(message, null, false, false);
        }
    }

    /** An open attempt failed; carries the problem to log (once per kind). */
    private static final class OpenFailed extends Exception {
        private final ProblemKind kind;

        OpenFailed(ProblemKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }
}
