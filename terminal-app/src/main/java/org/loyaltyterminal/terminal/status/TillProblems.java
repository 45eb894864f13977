package org.loyaltyterminal.terminal.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.loyaltyterminal.terminal.health.Problem;
import org.loyaltyterminal.terminal.health.Severity;

/**
 * What the status views show as problems, in the manager's words: devices not connected, the
 * printer's paper, the HQ link and its refusals, the clock. None of these stops the watchdog: a
 * restart would not plug a cable in.
 */
final class TillProblems {
    private TillProblems() {}

    static List<Problem> of(
            List<StatusSnapshot.Device> devices, HqLinkView hq, boolean clockSynchronised, Instant now) {
        List<Problem> problems = new ArrayList<>();
        for (StatusSnapshot.Device d : devices) {
            device(d, now, problems);
        }
        if (hq.configured() && !hq.online()) {
            problems.add(new Problem(
                    "hq-link",
                    Severity.NOTICE,
                    "no connection to head office"
                            + hq.problem().map(p -> " (" + p + ")").orElse(""),
                    "nothing at the till: it keeps working and sends the " + hq.outboxDepth()
                            + " waiting events when the link is back; if this lasts hours, check the store's internet "
                            + "connection",
                    now));
        }
        hq.lastRefusal()
                .ifPresent(refusal -> problems.add(new Problem(
                        "hq-messages",
                        Severity.NOTICE,
                        "head office sent a message this till refused: " + refusal,
                        "the rules in force stay as they were; ask head office to send it again (signed with a key this till "
                                + "trusts, for this store, with a newer version)",
                        now)));
        if (!clockSynchronised) {
            problems.add(new Problem(
                    "clock",
                    Severity.NOTICE,
                    "the clock is not synchronised",
                    "awards are recorded as untrusted time until it is; check the till's network connection "
                            + "(timedatectl shows the state)",
                    now));
        }
        return problems;
    }

    private static void device(StatusSnapshot.Device d, Instant now, List<Problem> problems) {
        Instant since = d.since().orElse(now);
        if (d.state() == DeviceState.DISCONNECTED) {
            problems.add(
                    switch (d.kind()) {
                        case SCANNER ->
                            new Problem(
                                    "scanner",
                                    Severity.FAULT,
                                    "the barcode scanner is not connected",
                                    "check the scanner's cable and plug it in again; the till finds it by itself within seconds",
                                    since);
                        case NFC_READER ->
                            new Problem(
                                    "nfc-reader",
                                    Severity.FAULT,
                                    "the card reader is not connected",
                                    "check its cable and plug it in again; member cards can still be scanned as barcodes",
                                    since);
                        case PRINTER ->
                            new Problem(
                                    "printer",
                                    Severity.FAULT,
                                    "the receipt printer cannot print"
                                            + d.problem().map(p -> ": " + p).orElse(""),
                                    "check that it is switched on, its cover is closed and it has paper; vouchers wait in the "
                                            + "queue and print when it is back",
                                    since);
                    });
            return;
        }
        if (d.state() == DeviceState.CONNECTED
                && d.paper().filter(p -> p == PaperState.NEAR_END).isPresent()) {
            problems.add(new Problem(
                    "printer", Severity.NOTICE, "the receipt paper is running low", "put in a new roll soon", now));
        }
    }
}
