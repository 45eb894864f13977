package org.loyaltyterminal.core.campaign;

import static org.loyaltyterminal.core.campaign.JsonText.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code "campaigns"}: ids unique, a known {@code "type"} the file's format has, a validity
 * window, the common terms, and the fields of the campaign's kind.
 */
final class CampaignsCheck {

    private static final List<String> COMMON_FIELDS =
            List.of("id", "type", "validFrom", "validUntil", "priority", "exclusive", "scope", "schedule", "limits");

    /** Every kind, in the order problems list them. */
    private final List<CampaignKindCheck> kinds;

    private final TermsCheck terms;

    CampaignsCheck(List<CampaignKindCheck> kinds, TermsCheck terms) {
        this.kinds = List.copyOf(kinds);
        this.terms = terms;
    }

    /** Each campaign that has no problem; the problems of the others are recorded. */
    List<Campaign> read(Fields top) {
        List<Campaign> campaigns = new ArrayList<>();
        Map<String, String> firstPath = new HashMap<>();
        Optional<JsonNode> array = top.array("campaigns");
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            top.element("campaigns", array.get(), i)
                    .flatMap(c -> campaign(c, firstPath))
                    .ifPresent(campaigns::add);
        }
        return campaigns;
    }

    private Optional<Campaign> campaign(Fields c, Map<String, String> firstPath) {
        Optional<String> id = id(c, firstPath);
        Optional<CampaignKindCheck> kind = c.text("type").flatMap(value -> kind(c, value));
        List<String> known = new ArrayList<>(COMMON_FIELDS);
        for (CampaignKindCheck k : kinds) {
            if (kind.isEmpty() || kind.get() == k) {
                k.fields().stream().filter(f -> !known.contains(f)).forEach(known::add);
            }
        }
        c.rejectUnknown(known);
        Optional<ValidityWindow> validity = validity(c);
        Optional<CampaignTerms> campaignTerms = terms.read(c);
        if (kind.isEmpty() || campaignTerms.isEmpty()) {
            return Optional.empty();
        }
        return kind.get().read(c, id, validity, campaignTerms.get());
    }

    private static Optional<String> id(Fields c, Map<String, String> firstPath) {
        Optional<String> id = c.text("id");
        if (id.isEmpty()) {
            return id;
        }
        if (!Fields.ID.matcher(id.get()).matches()) {
            c.problem(
                    "id",
                    "must be 1 to 64 lower-case letters, digits or '-', starting with a letter or digit ("
                            + Fields.ID.pattern() + "), was " + quote(id.get()));
            return Optional.empty();
        }
        return c.unique("id", id.get(), firstPath, "campaign ids must be unique") ? id : Optional.empty();
    }

    /** The kind {@code type} names, if this file's format has it; else the problem is recorded. */
    private Optional<CampaignKindCheck> kind(Fields c, String type) {
        Optional<CampaignKindCheck> kind =
                kinds.stream().filter(k -> k.type().equals(type)).findFirst();
        long format = c.format().number();
        if (kind.isEmpty()) {
            List<String> allowed = kinds.stream()
                    .filter(k -> c.format().hasRules() || k.since() <= format)
                    .map(k -> "\"" + k.type() + "\"")
                    .toList();
            c.problem(
                    "type",
                    c.format().hasRules()
                            ? "must be one of " + String.join(", ", allowed) + ", was " + quote(type)
                            : "must be " + String.join(" or ", allowed) + ", was " + quote(type));
        } else if (kind.get().since() > format) {
            c.problem("type", quote(type) + " " + c.format().needs(kind.get().since()));
            return Optional.empty();
        }
        return kind;
    }

    private static Optional<ValidityWindow> validity(Fields c) {
        Omittable<Instant> from = c.dateTime("validFrom");
        Omittable<Instant> until = c.dateTime("validUntil");
        if (from.isRefused() || until.isRefused()) {
            return Optional.empty();
        }
        if (from.given().isPresent()
                && until.given().isPresent()
                && !from.given().get().isBefore(until.given().get())) {
            c.problem(
                    "validUntil",
                    "must be later than validFrom (" + c.node().get("validFrom").asText() + "), was "
                            + c.node().get("validUntil").asText()
                            + "; the window is from inclusive, until exclusive");
            return Optional.empty();
        }
        return Optional.of(new ValidityWindow(from.given(), until.given()));
    }
}
