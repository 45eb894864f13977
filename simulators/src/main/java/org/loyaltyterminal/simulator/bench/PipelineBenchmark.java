package org.loyaltyterminal.simulator.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyaltyterminal.device.nfc.pn532.Pn532Emulator;
import org.loyaltyterminal.device.nfc.pn532.Pn532Settings;
import org.loyaltyterminal.simulator.demo.DemoFiles;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/**
 * Scan-to-commit latency of the real daemon, measured from outside: the time from writing a
 * scan into the scanner's pseudo-terminal to reading the daemon's "accepted" line, which it
 * prints only after the SQLite commit. Scans are sent one at a time, as a cashier would.
 * Every scan commits: one in 20 is a new member card (an enrolment), the rest are receipts
 * with distinct ids (points). Then cards are presented to an emulated PN532.
 */
public final class PipelineBenchmark {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(10);
    /** The options the package ships (systemd/jvm.options, copied into the jar): measure what runs on a Pi. */
    private static final String JVM_OPTIONS_RESOURCE = "jvm.options";

    private static final int WARM_UP_SCANS = 1_000;
    private static final int CARD_PRESENTATIONS = 200;

    private final Path work;
    private final Path daemonJar;
    private final PrintWriter out;
    private final List<String> extraJvmOptions;

    /**
     * A benchmark of the daemon in {@code daemonJar}, working in {@code work}.
     *
     * @param extraJvmOptions added after the shipped ones, e.g. {@code -XX:AOTCache=FILE} to measure its effect
     */
    public PipelineBenchmark(Path work, Path daemonJar, PrintWriter out, List<String> extraJvmOptions) {
        this.work = Objects.requireNonNull(work, "work");
        this.daemonJar = Objects.requireNonNull(daemonJar, "daemonJar");
        this.out = out;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
    }

    /** The shipped JVM options, one per line, without comments and blank lines. */
    static List<String> shippedJvmOptions() {
        try (InputStream in = PipelineBenchmark.class.getResourceAsStream(JVM_OPTIONS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "jvm.options missing from the jar (copied from systemd/ at build time)");
            }
            return new String(in.readAllBytes(), UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read jvm.options from the jar", e);
        }
    }

    /**
     * Card in the field to visit opened: the emulated PN532 puts a card in the field, the daemon's
     * reader finds it on its next poll, and the visit opens (a new card enrols and links first).
     * Twenty cards in turn, so each has been away long enough to count as presented again.
     */
    private boolean cards(Pn532Emulator nfc, DaemonProcess daemon) throws InterruptedException {
        Latencies presented = new Latencies(CARD_PRESENTATIONS);
        Latencies emulator = new Latencies(CARD_PRESENTATIONS);
        // A card arrives at any point of the reader's poll cycle; presenting right after the last
        // answer would lock onto the cycle and always wait a whole interval.
        Random arrival = new Random(42);
        long pollMillis = Pn532Settings.DEFAULT_POLL_INTERVAL.toMillis();
        for (int i = 0; i < CARD_PRESENTATIONS; i++) {
            Thread.sleep(arrival.nextLong(pollMillis + 1));
            byte[] uid = {0x04, 0x10, 0x20, 0x30, 0x40, 0x50, (byte) (i % 20)};
            long start = System.nanoTime();
            nfc.present(uid, Optional.empty());
            Optional<String> answer =
                    daemon.await(l -> l.contains("accepted:") || l.contains("refused:"), SCAN_TIMEOUT);
            long elapsed = System.nanoTime() - start;
            nfc.remove();
            if (answer.isEmpty() || !answer.get().contains("accepted:")) {
                out.printf(
                        Locale.ROOT,
                        "card %d was not accepted: %s%n",
                        i,
                        answer.orElse("no answer within " + SCAN_TIMEOUT));
                return false;
            }
            presented.add(elapsed);
            nfc.lastPollAnswerTime().ifPresent(d -> emulator.add(d.toNanos()));
        }
        out.printf(
                Locale.ROOT,
                "cards: in the field -> 'accepted' (visit opened) line read here  %s%n",
                presented.summary());
        if (emulator.count() > 0) {
            out.printf(Locale.ROOT, "cards: the emulator's own answer to a poll  %s%n", emulator.summary());
        }
        out.printf(
                Locale.ROOT,
                "cards: the reader polls every %d ms, so a card waits half of that on average%n",
                Pn532Settings.DEFAULT_POLL_INTERVAL.toMillis());
        return true;
    }

    private String[] jvmFlags() {
        List<String> flags = new ArrayList<>(shippedJvmOptions());
        flags.addAll(extraJvmOptions);
        return flags.toArray(String[]::new);
    }

    static Optional<Long> p99Nanos(String daemonLine) {
        Matcher m = Pattern.compile("p99 ([0-9.]+) ms").matcher(daemonLine);
        return m.find() ? Optional.of(Math.round(Double.parseDouble(m.group(1)) * 1e6)) : Optional.empty();
    }

    /** Runs the whole benchmark and prints the figures; false if the daemon misbehaved. */
    public boolean run(int scans, int floorCommits) throws Exception {
        Files.createDirectories(work);
        out.printf(Locale.ROOT, "work folder %s%n", work);
        out.printf(Locale.ROOT, "daemon %s%n", daemonJar);
        out.printf(
                Locale.ROOT,
                "JVM %s on %s %s, %d cores%n",
                Runtime.version(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());

        Latencies floor = CommitFloor.measure(work.resolve("floor.db"), floorCommits);
        out.printf(Locale.ROOT, "floor: bare single-row commit (WAL, synchronous=FULL)  %s%n", floor.summary());

        Path config = DemoFiles.writeWithCardReader(work, work.resolve("scanner"), work.resolve("nfc"), "enrol");
        try (PseudoTerminal scanner = PseudoTerminal.openLinkedAt(work.resolve("scanner"));
                PseudoTerminal nfcLine = PseudoTerminal.openLinkedAt(work.resolve("nfc"));
                Pn532Emulator nfc = Pn532Emulator.start(nfcLine);
                DaemonProcess daemon = DaemonProcess.start(daemonJar, config, jvmFlags())) {
            Optional<String> ready = daemon.await(l -> l.contains("ready:"), READY_TIMEOUT);
            long readyNanos = System.nanoTime() - daemon.startedNanos();
            if (ready.isEmpty()) {
                out.println("daemon did not become ready within " + READY_TIMEOUT + "; its output:");
                daemon.output().forEach(out::println);
                return false;
            }
            out.printf(Locale.ROOT, "start-up: process start to ready-for-scans  %s%n", Latencies.ms(readyNanos));
            long[] idle = daemon.residentKib();
            out.printf(Locale.ROOT, "memory when ready: resident %d KiB%n", idle[0]);
            out.printf(
                    Locale.ROOT,
                    "daemon JVM flags: %s (systemd/jvm.options, as the package ships them%s)%n",
                    String.join(" ", jvmFlags()),
                    extraJvmOptions.isEmpty() ? "" : ", plus --jvm-option");
            Latencies pipeline = new Latencies(scans);
            Latencies warm = new Latencies(scans);
            long receipt = 0;
            long member = 0;
            for (int i = 0; i < scans; i++) {
                String payload;
                if (i % 20 == 0) {
                    payload = "]E0" + DemoFiles.memberCard(++member);
                } else {
                    payload = "]C0" + DemoFiles.receipt(++receipt, 100 + (i * 37L) % 9_000);
                }
                long start = System.nanoTime();
                scanner.write((payload + "\r").getBytes(US_ASCII));
                Optional<String> answer =
                        daemon.await(l -> l.contains("accepted:") || l.contains("refused:"), SCAN_TIMEOUT);
                long elapsed = System.nanoTime() - start;
                if (answer.isEmpty() || !answer.get().contains("accepted:")) {
                    out.printf(
                            Locale.ROOT,
                            "scan %d (%s) was not accepted: %s%n",
                            i,
                            payload,
                            answer.orElse("no answer within " + SCAN_TIMEOUT));
                    return false;
                }
                pipeline.add(elapsed);
                if (i >= WARM_UP_SCANS) {
                    warm.add(elapsed);
                }
            }
            if (!cards(nfc, daemon)) {
                return false;
            }
            long[] rss = daemon.residentKib();
            out.printf(
                    Locale.ROOT,
                    "end to end: scan written to the pty -> 'accepted' line read here  %s%n",
                    pipeline.summary());
            if (warm.count() > 0) {
                out.printf(
                        Locale.ROOT,
                        "end to end without the first %d scans (JIT warm-up)  %s%n",
                        WARM_UP_SCANS,
                        warm.summary());
            }
            out.printf(Locale.ROOT, "memory after %d scans: resident %d KiB (peak %d KiB)%n", scans, rss[0], rss[1]);
            int exit = daemon.terminate(Duration.ofSeconds(15));
            out.printf(Locale.ROOT, "daemon stopped by SIGTERM with exit status %d%n", exit);
            Optional<String> inDaemon = daemon.output().stream()
                    .filter(l -> l.contains("scan-to-commit latency"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf("scan-to-commit latency")));
            out.printf(
                    Locale.ROOT,
                    "in the daemon: %s%n",
                    inDaemon.orElse("scan-to-commit figures missing from its output"));
            out.printf(
                    Locale.ROOT,
                    "fsyncs: %s (target: 1 per accepted scan)%n",
                    daemon.output().stream()
                            .filter(l -> l.contains("synced commits for"))
                            .findFirst()
                            .map(l -> l.substring(l.indexOf("storage: ") + "storage: ".length()))
                            .orElse("commit count missing from the daemon's output"));
            long target = 2 * floor.percentile(99) + 1_000_000;
            out.printf(Locale.ROOT, "target: scan-to-commit p99 <= 2 x floor p99 + 1 ms = %s%n", Latencies.ms(target));
            out.printf(
                    Locale.ROOT,
                    "  end to end p99 %s: %s (includes the pty, the log line and the pipe back to this process)%n",
                    Latencies.ms(pipeline.percentile(99)),
                    pipeline.percentile(99) <= target ? "met" : "MISSED");
            inDaemon.flatMap(PipelineBenchmark::p99Nanos)
                    .ifPresent(p99 -> out.printf(
                            Locale.ROOT,
                            "  in the daemon p99 %s: %s%n",
                            Latencies.ms(p99),
                            p99 <= target ? "met" : "MISSED"));
            return true;
        }
    }
}
