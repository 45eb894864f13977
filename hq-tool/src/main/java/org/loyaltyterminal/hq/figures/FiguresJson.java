package org.loyaltyterminal.hq.figures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Figures as JSON, for {@code hq-tool figures --json} and {@code GET /figures}; the layout is in
 * docs/hq-tool.md, "Programme figures". A share that is undefined (nobody to divide by) is null.
 */
public final class FiguresJson {
    private final ObjectMapper mapper = new ObjectMapper();

    public String write(Figures figures) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node(figures)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("figures could not be written as JSON", e);
        }
    }

    ObjectNode node(Figures figures) {
        ObjectNode root = mapper.createObjectNode();
        root.put("chain", figures.scope().chain());
        root.put("store", figures.scope().store().orElse(null));
        root.put("from", figures.period().from().toString());
        root.put("to", figures.period().to().toString());
        root.put("zone", figures.period().zone().getId());
        root.put("days", figures.period().days());
        flows(root.putObject("totals"), figures.summary().flows());
        Members m = figures.summary().members();
        ObjectNode members = root.putObject("members");
        members.put("active30Days", m.active30());
        members.put("active90Days", m.active90());
        members.put("visitors", m.visitors());
        members.put("repeatVisitors", m.repeatVisitors());
        share(members, "repeatRate", m.repeatRate());
        members.put("previousPeriodActive", m.previousActive());
        members.put("retained", m.retained());
        share(members, "retention", m.retention());
        share(members, "churn", m.churn());
        ArrayNode campaigns = root.putArray("campaigns");
        for (CampaignFigures c : figures.campaigns()) {
            ObjectNode campaign = campaigns.addObject();
            campaign.put("campaign", c.campaign().isEmpty() ? null : c.campaign());
            campaign.put("pointsIssued", c.pointsIssued());
            campaign.put("pointsRedeemed", c.pointsRedeemed());
            campaign.put("stampsIssued", c.stampsIssued());
            campaign.put("vouchersIssued", c.vouchersIssued());
        }
        ObjectNode series = root.putObject("series");
        points(series.putArray("days"), figures.days());
        points(series.putArray("weeks"), figures.weeks());
        return root;
    }

    private static void points(ArrayNode array, List<SeriesPoint> points) {
        for (SeriesPoint point : points) {
            ObjectNode node = array.addObject();
            node.put("start", point.start().toString());
            node.put("end", point.end().toString());
            flows(node, point.flows());
        }
    }

    private static void flows(ObjectNode node, Flows flows) {
        node.put("visits", flows.visits());
        node.put("enrolments", flows.enrolments());
        node.put("pointsIssued", flows.pointsIssued());
        node.put("pointsRedeemed", flows.pointsRedeemed());
        node.put("vouchersIssued", flows.vouchersIssued());
        node.put("vouchersRedeemed", flows.vouchersRedeemed());
    }

    private static void share(ObjectNode node, String field, OptionalDouble share) {
        if (share.isPresent()) {
            node.put(field, share.getAsDouble());
        } else {
            node.putNull(field);
        }
    }
}
