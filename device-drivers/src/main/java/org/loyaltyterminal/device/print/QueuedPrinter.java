package org.loyaltyterminal.device.print;

import org.loyaltyterminal.device.ConnectionState;
import org.loyaltyterminal.device.DeviceWorker;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.ReconnectBackoff;
import org.loyaltyterminal.device.print.PrintOutcome.Deferred;
import org.loyaltyterminal.device.print.PrintOutcome.Printed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ReceiptPrinter} over any {@link PrinterLink}: a bounded queue in front of one named
 * print thread. The caller only ever offers to the queue; a full queue refuses the new job with
 * a {@link Submission.Refused} that says why, and accepted jobs are never dropped while running.
 *
 * <p>Before each job the thread asks for status (when the link can): a printer that is offline or
 * out of paper is not sent anything. A job that cannot print (no connection, bad status, write
 * failure or timeout) stays at the head of the queue, is reported once as {@link Deferred}, and is
 * retried with {@link ReconnectBackoff} until status is good and the write succeeds; then
 * {@link Printed}. One WARN line per outage, one INFO line when printing works again.
 *
 * <p>A write that failed part-way is sent again in full: after an outage the customer may get the
 * first part of a voucher twice, never none of it.
 */
public final class QueuedPrinter implements ReceiptPrinter {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedPrinter.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);


    private final PrinterSettings settings;
    private final PrinterLink link;
    private final PrintListener listener;
    private final ReconnectBackoff backoff;
    private final String component;
    private final BlockingQueue<PrintJob> queue;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final DeviceWorker worker;
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile String lastProblem = "";
    private volatile Optional<PrinterStatus> lastStatus = Optional.empty();

    public QueuedPrinter(PrinterSettings settings, PrinterLink link, PrintListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.link = Objects.requireNonNull(link, "link");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.backoff = new ReconnectBackoff(settings.reconnectInitial(), settings.reconnectMax());
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
    public int pending() {
        return queue.size() + inFlight.get();
    }

    @Override
    public void start() {
        worker.claimStart();
        state = ConnectionState.DISCONNECTED;
        worker.run("printer-" + settings.name(), this::run, (thread, e) -> {
            LOG.error("{}: print thread {} died; {} jobs will not print until the service restarts",
                    component, thread.getName(), pending(), e);
            link.close();
            state = ConnectionState.STOPPED;
        });
    }

    @Override
    public Submission submit(PrintJob job) {
        Objects.requireNonNull(job, "job");
        DeviceWorker.Phase now = worker.phase();
        if (now != DeviceWorker.Phase.STARTED) {
            return new Submission.Refused(job.id(), component + " is " + (now == DeviceWorker.Phase.NEW
                    ? "not started" : "closed") + "; job " + job.id() + " not queued");
        }
        if (!queue.offer(job)) {
            String why = lastProblem.isEmpty() ? "" : "; last problem: " + lastProblem;
            return new Submission.Refused(job.id(), component + ": queue full (" + settings.queueCapacity()
                    + " jobs waiting, state " + state + why + "); job " + job.id()
                    + " refused, offer a reprint once the printer is back");
        }
        return new Submission.Accepted(job.id(), pending());
    }

    @Override
    public void close() {
        if (!worker.stop(JOIN_TIMEOUT, t -> LOG.warn("{}: print thread {} did not stop within {} ms; closing the link "
                + "under it", component, t.getName(), JOIN_TIMEOUT.toMillis()))) {
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
        try {
            while (!stopping()) {
                PrintJob job = queue.poll(IDLE_POLL.toNanos(), TimeUnit.NANOSECONDS);
                if (job == null) {
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
                        LOG.warn("{}: {}; jobs stay queued, retrying with backoff from {} ms up to every {} ms",
                                component, problem.get(), backoff.initial().toMillis(), backoff.max().toMillis());
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
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            link.close();
        }
    }

    /** @return the problem, or empty when all bytes went out */
    private Optional<String> tryPrint(PrintJob job) {
        try {
            link.open();
            Optional<PrinterStatus> status = link.readStatus(settings.statusTimeout());
            if (status.isPresent()) {
                lastStatus = status;
            }
            if (status.isPresent() && !status.get().readyToPrint()) {
                return Optional.of("not ready: " + status.get().describe());
            }
            link.write(job.receipt().bytes());
            return Optional.empty();
        } catch (DeviceException e) {
            link.close();
            String message = String.valueOf(e.getMessage());
            String prefix = link.describe() + ": ";
            // the component prefix of our log lines already names the link
            return Optional.of(message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        }
    }

    private void deliver(PrintOutcome outcome) {
        try {
            listener.onOutcome(outcome);
        } catch (RuntimeException e) {
            LOG.warn("{}: print listener threw {} for {}; printing continues", component, e, outcome, e);
        }
    }
}
