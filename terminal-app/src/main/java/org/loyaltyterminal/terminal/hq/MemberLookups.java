package org.loyaltyterminal.terminal.hq;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.loyaltyterminal.sync.wire.CardNumbers;
import org.loyaltyterminal.sync.wire.LookupRequest;
import org.loyaltyterminal.terminal.ledger.VisitBalance;
import org.loyaltyterminal.terminal.status.LookupFigures;
import org.loyaltyterminal.terminal.visit.BalanceLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The till's balance questions to HQ and the matching of HQ's answers to them. A question is
 * asked on the scan thread (inside the scan's unit of work, so it only hands the question over),
 * an answer is claimed on the HQ link's thread; one lock guards two small maps, and nothing slow
 * runs under it. Times are monotonic.
 *
 * <p>A question waits for its answer for the budget ({@code hq.lookup-budget-ms}). An answer in
 * time is used; a later one is recognised as late (the question is remembered a while after its
 * budget) and ignored; an answer to a question never asked, or naming another card, is refused.
 */
public final class MemberLookups implements BalanceLookup {
    private static final Logger log = LoggerFactory.getLogger(MemberLookups.class);
    /** Questions remembered past their budget, to tell a late answer from one never asked for. */
    static final int REMEMBERED = 1024;

    private final long budgetNanos;
    private final long budgetMillis;
    private final LongSupplier nanoTime;
    /** Hands a question to the HQ link; false while the link is down. None until the link exists. */
    private volatile Predicate<LookupRequest> link = request -> false;

    private final Map<UUID, Question> waiting = new LinkedHashMap<>();
    private final Map<UUID, Question> expired = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Question> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long asked;
    private long answered;
    private long unanswered;
    private long late;
    private long offline;

    private record Question(String card, String visitId, long askedAt) {}

    /** Whom an answer from HQ belongs to. */
    public sealed interface Claim {
        /** The answer to the question of visit {@code visitId}, in time: apply it. */
        record Answered(String visitId, long millis) implements Claim {}

        /** The answer to a question whose budget had passed: ignore it. */
        record Late(long millis) implements Claim {}

        /** No question of this till's: refuse it. {@code why} names no card. */
        record NotAsked(String why) implements Claim {}
    }

    /** @param budget zero: no questions are asked, every visit uses this till's balance */
    public MemberLookups(Duration budget, LongSupplier nanoTime) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a lookup budget cannot be negative");
        }
        this.budgetNanos = budget.toNanos();
        this.budgetMillis = budget.toMillis();
        this.nanoTime = nanoTime;
    }

    /** Connects the HQ link: from now on questions are handed to it (HqSync, once its agent exists). */
    void attach(Predicate<LookupRequest> link) {
        this.link = link;
    }

    public Duration budget() {
        return Duration.ofNanos(budgetNanos);
    }

    @Override
    public VisitBalance ask(String card, String visitId) {
        if (budgetNanos == 0 || !CardNumbers.isCardNumber(card)) {
            return VisitBalance.till();
        }
        LookupRequest request = LookupRequest.of(card);
        long now = nanoTime.getAsLong();
        synchronized (this) {
            expire(now);
            // Remembered before it is sent: an answer can come back before this method returns.
            waiting.put(request.request(), new Question(card, visitId, now));
        }
        boolean sent = link.test(request);
        synchronized (this) {
            if (!sent) {
                waiting.remove(request.request());
                offline++;
                return VisitBalance.hqOffline();
            }
            asked++;
        }
        return VisitBalance.asked(budgetMillis);
    }

    /** Claims the question {@code request} answers, if it is this till's and about {@code card}. */
    public synchronized Claim claim(UUID request, String card) {
        long now = nanoTime.getAsLong();
        expire(now);
        Question question = waiting.get(request);
        if (question == null) {
            Question past = expired.get(request);
            if (past != null && past.card().equals(card)) {
                expired.remove(request);
                late++;
                return new Claim.Late(millis(now - past.askedAt()));
            }
            return new Claim.NotAsked(
                    past == null
                            ? "request " + request + " is not a question this terminal asked (or it was asked long ago)"
                            : "the answer to request " + request + " names another card than the question");
        }
        if (!question.card().equals(card)) {
            // The question stays open: its true answer may still come.
            return new Claim.NotAsked("the answer to request " + request + " names another card than the question");
        }
        waiting.remove(request);
        answered++;
        return new Claim.Answered(question.visitId(), millis(now - question.askedAt()));
    }

    public synchronized LookupFigures figures() {
        expire(nanoTime.getAsLong());
        return new LookupFigures(asked, answered, unanswered, late, offline);
    }

    /** Moves the questions whose budget passed (the oldest first: they were asked in order) to the expired. */
    private void expire(long now) {
        for (Iterator<Map.Entry<UUID, Question>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<UUID, Question> e = it.next();
            if (now - e.getValue().askedAt() <= budgetNanos) {
                return;
            }
            it.remove();
            expired.put(e.getKey(), e.getValue());
            unanswered++;
            log.debug(
                    "HQ lookup {}: no answer within {} ms; the visit uses this till's balance",
                    e.getKey(),
                    budgetMillis);
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
    }
}
