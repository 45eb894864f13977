package org.loyaltyterminal.terminal.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;
import org.loyaltyterminal.core.voucher.VoucherCode;

/**
 * The event an outbox row carries to HQ: one ledger row as versioned JSON, with everything HQ
 * needs to de-duplicate and order it without trusting the till's clock: terminal id and
 * per-terminal sequence, boot id and monotonic time, wall time and whether it was synchronised.
 */
final class OutboxEvents {
    static final int SCHEMA_VERSION = 1;

    private final ObjectMapper json = new ObjectMapper();
    private final String bootId;

    OutboxEvents(String bootId) {
        this.bootId = bootId;
    }

    /** What HQ needs to know of a voucher row: which voucher, which reward, worth what. */
    record VoucherFacts(VoucherCode code, String rewardId, long valueCents, boolean issuedHere) {}

    String payload(LedgerEntry e) {
        return payload(e, Optional.empty());
    }

    String payload(LedgerEntry e, Optional<VoucherFacts> voucher) {
        ObjectNode event = json.createObjectNode();
        event.put("schema", SCHEMA_VERSION);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("terminal", e.terminalId());
        event.put("seq", e.sequence());
        event.put("bootId", bootId);
        event.put("monotonicNanos", e.time().monotonicNanos());
        event.put("wallTime", e.time().wall().toString());
        event.put("clockSynchronized", e.time().clockTrusted());
        event.put("type", e.kind().name());
        e.member().ifPresent(member -> event.put("member", member));
        e.campaignId().ifPresent(id -> event.put("campaign", id));
        event.put("bundleVersion", e.bundleVersion());
        event.put("stamps", e.stampsDelta());
        event.put("points", e.pointsDelta());
        event.put("reference", e.reference());
        event.put("visit", e.visitId());
        if (!e.why().rule().isEmpty()) {
            // schema 1 stays readable: these fields are only added (campaign format 3)
            event.put("rule", e.why().rule());
            event.put("detail", e.why().detail());
            event.put("campaignVersion", e.bundleVersion());
            event.put("rulesClockUntrusted", e.why().clockUntrusted());
        }
        voucher.ifPresent(v -> {
            ObjectNode node = event.putObject("voucher");
            node.put("reference", v.code().reference());
            node.put("issuingTerminal", v.code().terminal());
            node.put("sequence", v.code().sequence());
            node.put("validThrough", v.code().validThrough().toString());
            node.put("rewardSlot", v.code().rewardSlot());
            node.put("reward", v.rewardId());
            node.put("valueCents", v.valueCents());
            node.put("issuedHere", v.issuedHere());
        });
        return event.toString();
    }
}
