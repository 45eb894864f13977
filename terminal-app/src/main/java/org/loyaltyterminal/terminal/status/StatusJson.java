package org.loyaltyterminal.terminal.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.loyaltyterminal.device.scan.ScannerStats;
import org.loyaltyterminal.terminal.health.Problem;

/**
 * The snapshot as JSON, schema version 1 (docs/status.md). Written field by field rather than by
 * data binding, so the documented schema is what the code says and a renamed record component
 * cannot change it silently. Times are ISO-8601 instants in UTC; durations are seconds. An absent
 * value is {@code null}, never a missing field.
 */
public final class StatusJson {
    public static final int SCHEMA_VERSION = 1;
    private final JsonFactory factory = new JsonFactory();

    public byte[] render(StatusSnapshot s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA_VERSION);
            instant(g, "taken", s.taken());
            g.writeObjectFieldStart("terminal");
            g.writeStringField("terminalId", s.terminal().terminalId());
            g.writeStringField("storeId", s.terminal().storeId());
            g.writeStringField("chainId", s.terminal().chainId());
            g.writeEndObject();
            g.writeObjectFieldStart("software");
            g.writeStringField("version", s.software().version());
            instant(g, "started", s.software().started());
            g.writeNumberField("uptimeSeconds", s.software().uptime().toSeconds());
            g.writeEndObject();
            g.writeObjectFieldStart("health");
            g.writeBooleanField("healthy", s.health().healthy());
            g.writeFieldName("problem");
            if (s.health().problems().isEmpty()) {
                g.writeNull();
            } else {
                g.writeString(s.health().problems().getFirst().what());
            }
            g.writeStringField("verdict", s.health().verdict());
            g.writeStringField("headline", s.health().headline());
            g.writeArrayFieldStart("problems");
            for (Problem p : s.health().problems()) {
                g.writeStartObject();
                g.writeStringField("component", p.component());
                g.writeStringField("severity", p.severity().label());
                g.writeStringField("what", p.what());
                g.writeStringField("action", p.action());
                instant(g, "since", p.since());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("clock");
            g.writeBooleanField("synchronised", s.clock().synchronised());
            g.writeStringField("zone", s.clock().zone().getId());
            g.writeEndObject();
            g.writeArrayFieldStart("devices");
            for (StatusSnapshot.Device d : s.devices()) {
                g.writeStartObject();
                g.writeStringField("kind", d.kind().label());
                g.writeStringField("name", d.name());
                g.writeStringField("state", d.state().label());
                g.writeBooleanField("connected", d.state() == DeviceState.CONNECTED);
                instant(g, "since", d.since());
                instant(g, "lastRead", d.lastRead());
                g.writeFieldName("paper");
                if (d.paper().isPresent()) {
                    g.writeString(d.paper().get().label());
                } else {
                    g.writeNull();
                }
                g.writeFieldName("handOff");
                if (d.handOff().isPresent()) {
                    ScannerStats.HandOff q = d.handOff().get();
                    g.writeStartObject();
                    g.writeNumberField("depth", q.depth());
                    g.writeNumberField("capacity", q.capacity());
                    g.writeNumberField("dropped", q.dropped());
                    g.writeEndObject();
                } else {
                    g.writeNull();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            HqLinkView hq = s.hqLink();
            g.writeObjectFieldStart("hqLink");
            g.writeBooleanField("configured", hq.configured());
            g.writeBooleanField("online", hq.online());
            instant(g, "lastSync", hq.lastSync());
            g.writeNumberField("outboxDepth", hq.outboxDepth());
            seconds(g, "oldestUnsyncedSeconds", hq.oldestUnsynced());
            g.writeFieldName("problem");
            if (hq.problem().isPresent()) {
                g.writeString(hq.problem().get());
            } else {
                g.writeNull();
            }
            g.writeNumberField("refusedMessages", hq.refusedMessages());
            g.writeObjectFieldStart("lookups");
            g.writeNumberField("asked", hq.lookups().asked());
            g.writeNumberField("answered", hq.lookups().answered());
            g.writeNumberField("unanswered", hq.lookups().unanswered());
            g.writeNumberField("late", hq.lookups().late());
            g.writeNumberField("offline", hq.lookups().offline());
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("campaigns");
            g.writeNumberField("bundleVersion", s.campaigns().bundleVersion());
            g.writeArrayFieldStart("campaigns");
            for (StatusSnapshot.Campaign c : s.campaigns().campaigns()) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("kind", c.kind());
                instant(g, "validFrom", c.validFrom());
                instant(g, "validUntil", c.validUntil());
                g.writeBooleanField("inForce", c.inForce());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            TodayFigures t = s.today();
            g.writeObjectFieldStart("today");
            g.writeStringField("day", t.day().toString());
            g.writeNumberField("visits", t.visits());
            g.writeNumberField("membersSeen", t.membersSeen());
            g.writeNumberField("enrolments", t.enrolments());
            g.writeNumberField("stamps", t.stamps());
            g.writeNumberField("cardsCompleted", t.cardsCompleted());
            g.writeNumberField("points", t.points());
            g.writeNumberField("vouchersIssued", t.vouchersIssued());
            g.writeNumberField("vouchersRedeemed", t.vouchersRedeemed());
            g.writeNumberField("returningMembers", t.returningMembers());
            g.writeNumberField("suspiciousFlags", t.suspiciousFlags());
            g.writeFieldName("returningShare");
            if (t.returningShare().isPresent()) {
                g.writeNumber(Math.round(t.returningShare().get() * 1000) / 1000.0);
            } else {
                g.writeNull();
            }
            g.writeEndObject();
            g.writeFieldName("pointsExpiring");
            if (s.expiringPoints().isPresent()) {
                g.writeStartObject();
                g.writeNumberField("withinDays", s.expiringPoints().get().withinDays());
                g.writeNumberField("points", s.expiringPoints().get().points());
                g.writeEndObject();
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("status JSON could not be written", e);
        }
        return out.toByteArray();
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        g.writeStringField(field, value.toString());
    }

    private static void instant(JsonGenerator g, String field, Optional<Instant> value) throws IOException {
        g.writeFieldName(field);
        if (value.isPresent()) {
            g.writeString(value.get().toString());
        } else {
            g.writeNull();
        }
    }

    private static void seconds(JsonGenerator g, String field, Optional<Duration> value) throws IOException {
        g.writeFieldName(field);
        if (value.isPresent()) {
            g.writeNumber(value.get().toSeconds());
        } else {
            g.writeNull();
        }
    }
}
