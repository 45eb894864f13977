package org.loyaltyterminal.device.print;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.DeviceWorker;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.PrintOutcome.Deferred;
import org.loyaltyterminal.device.print.PrintOutcome.Printed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ReceiptPrinter} over any {@link PrinterLink}: a bounded queue in front of one named
 * print thread. The caller only ever offers to the queue; a full queue refuses the new job with
 * a {@link Submission.Refused} that says why, and accepted jobs are never dropped while running.
 *
 * <p>Before each job the thread asks for status (when the link can): a printer that is offline or
 * out of paper is not sent anything. A job that cannot print (no connection, bad status, write
 * failure or timeout) stays at the head of the queue, is reported once as {@link Deferred}, and is
 * retried with {@link Backoff} until status is good and the write succeeds; then
 * {@link Printed}. One WARN line per outage, one INFO line when printing works again.
 *
 * <p>A write that failed part-way is sent again in full: after an outage the customer may get the
 * first part of a voucher twice, never none of it.
 *
 * <p>While no job is waiting, the thread asks for status every {@link #IDLE_STATUS_EVERY}, so a
 * printer unplugged, switched off or out of paper shows as such within seconds, and a working one
 * shows as connected before its first job. The poll runs on the print thread only when the queue
 * is empty; a job that arrives during one waits for it, at most the link's connect timeout plus
 * the status timeout. One WARN when the printer stops answering, one INFO when it is back.
 */
public final class QueuedPrinter implements ReceiptPrinter {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedPrinter.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** How often an idle printer is asked for status: a change shows within this plus the timeouts. */
    public static final Duration IDLE_STATUS_EVERY = Duration.ofSeconds(3);

    private final PrinterSettings settings;
    private final PrinterLink link;
    private final PrintListener listener;
    private final Ticker ticker;
    private final Backoff backoff;
    private final String component;
    private final BlockingQueue<PrintJob> queue;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final DeviceWorker worker;
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile String lastProblem = "";
    private volatile Optional<PrinterStatus> lastStatus = Optional.empty();

    /** @param ticker monotonic time for the idle status poll */
    public QueuedPrinter(PrinterSettings settings, PrinterLink link, PrintListener listener, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.link = Objects.requireNonNull(link, "link");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.backoff = Backoff.doubling(settings.reconnectInitial(), settings.reconnectMax());
        this.component = "printer '" + settings.name() + "' (" + link.describe() + ")";
        this.worker = new DeviceWorker(component);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
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
    public Optional<PrinterStatus> lastStatus() {
        return lastStatus;
    }

    @Override
    public Optional<String> problem() {
        String problem = lastProblem;
        return problem.isEmpty() ? Optional.empty() : Optional.of(problem);
    }

    @Override
    public int pending() {
        return queue.size() + inFlight.get();
    }

    @Override
    public void start() {
        worker.claimStart();
        state = ConnectionState.DISCONNECTED;
        worker.run("printer-" + settings.name(), this::run, (thread, e) -> {
            LOG.error(
                    "{}: print thread {} died; {} jobs will not print until the service restarts",
                    component,
                    thread.getName(),
                    pending(),
                    e);
            link.close();
            state = ConnectionState.STOPPED;
        });
    }

    @Override
    public Submission submit(PrintJob job) {
        Objects.requireNonNull(job, "job");
        DeviceWorker.Phase now = worker.phase();
        if (now != DeviceWorker.Phase.STARTED) {
            return new Submission.Refused(
                    job.id(),
                    component + " is " + (now == DeviceWorker.Phase.NEW ? "not started" : "closed") + "; job "
                            + job.id() + " not queued");
        }
        if (!queue.offer(job)) {
            String why = lastProblem.isEmpty() ? "" : "; last problem: " + lastProblem;
            return new Submission.Refused(
                    job.id(),
                    component + ": queue full (" + settings.queueCapacity()
                            + " jobs waiting, state " + state + why + "); job " + job.id()
                            + " refused, offer a reprint once the printer is back");
        }
        return new Submission.Accepted(job.id(), pending());
    }

    @Override
    public void close() {
        if (!worker.stop(
                JOIN_TIMEOUT,
                t -> LOG.warn(
                        "{}: print thread {} did not stop within {} ms; closing the link " + "under it",
                        component,
                        t.getName(),
                        JOIN_TIMEOUT.toMillis()))) {
            return;
        }
        link.close();
        int left = pending();
        if (left > 0) {
            LOG.warn("{}: closed with {} jobs not printed", component, left);
        }
        state = ConnectionState.STOPPED;
    }

    private boolean stopping() {
        return worker.stopping();
    }

    private void run() {
        int attempt = 0;
        boolean outage = false;
        long lastContact = ticker.nanos() - IDLE_STATUS_EVERY.toNanos();
        try {
            while (!stopping()) {
                PrintJob job = queue.poll(IDLE_POLL.toNanos(), TimeUnit.NANOSECONDS);
                if (job == null) {
                    if (ticker.nanos() - lastContact >= IDLE_STATUS_EVERY.toNanos()) {
                        outage = idleCheck(outage);
                        lastContact = ticker.nanos();
                    }
                    continue;
                }
                inFlight.incrementAndGet();
                int tries = 0;
                boolean deferred = false;
                while (!stopping()) {
                    tries++;
                    Optional<String> problem = tryPrint(job);
                    if (problem.isEmpty()) {
                        break;
                    }
                    state = ConnectionState.DISCONNECTED;
                    lastProblem = problem.get();
                    if (!outage) {
                        LOG.warn(
                                "{}: {}; jobs stay queued, retrying with backoff from {} ms up to every {} ms",
                                component,
                                problem.get(),
                                backoff.initial().toMillis(),
                                backoff.cap().toMillis());
                        outage = true;
                    }
                    if (!deferred) {
                        deliver(new Deferred(job.id(), problem.get()));
                        deferred = true;
                    }
                    worker.awaitStop(backoff.delay(attempt++));
                }
                if (stopping()) {
                    break;
                }
                inFlight.decrementAndGet();
                state = ConnectionState.CONNECTED;
                lastProblem = "";
                attempt = 0;
                if (outage) {
                    LOG.info("{}: printing again", component);
                    outage = false;
                }
                deliver(new Printed(job.id(), tries));
                lastContact = ticker.nanos();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            link.close();
        }
    }

    /**
     * Asks an idle printer for status and updates the state from its answer.
     *
     * @return whether the printer is in an outage now
     */
    private boolean idleCheck(boolean outage) {
        Optional<String> problem;
        try {
            problem = askStatus();
        } catch (DeviceException e) {
            problem = Optional.of(withoutLinkName(e));
        }
        if (problem.isPresent()) {
            state = ConnectionState.DISCONNECTED;
            lastProblem = problem.get();
            if (!outage) {
                LOG.warn(
                        "{}: {}; jobs stay queued, asking again every {} s while idle",
                        component,
                        problem.get(),
                        IDLE_STATUS_EVERY.toSeconds());
            }
            return true;
        }
        state = ConnectionState.CONNECTED;
        lastProblem = "";
        if (outage) {
            LOG.info("{}: ready again", component);
        }
        return false;
    }

    /** Opens the link when needed and asks for status; the problem when it is not ready to print. */
    private Optional<String> askStatus() {
        link.open();
        Optional<PrinterStatus> status = link.readStatus(settings.statusTimeout());
        if (status.isPresent()) {
            lastStatus = status;
        }
        if (status.isPresent() && !status.get().readyToPrint()) {
            return Optional.of("not ready: " + status.get().describe());
        }
        return Optional.empty();
    }

    /** @return the problem, or empty when all bytes went out */
    private Optional<String> tryPrint(PrintJob job) {
        try {
            Optional<String> notReady = askStatus();
            if (notReady.isPresent()) {
                return notReady;
            }
            link.write(job.receipt().bytes());
            return Optional.empty();
        } catch (DeviceException e) {
            return Optional.of(withoutLinkName(e));
        }
    }

    /** Closes the link after a failure; the message without the link's name, which our log prefix has. */
    private String withoutLinkName(DeviceException e) {
        link.close();
        String message = String.valueOf(e.getMessage());
        String prefix = link.describe() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private void deliver(PrintOutcome outcome) {
        try {
            listener.onOutcome(outcome);
        } catch (RuntimeException e) {
            LOG.warn("{}: print listener threw {} for {}; printing continues", component, e, outcome, e);
        }
    }
}
