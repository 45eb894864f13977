package org.loyaltyterminal.sync;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MQTT topic layout, versioned at the root so a later layout can run beside this one:
 * {@code loyalty/v1/{chain}/{store}/{terminal}/...} for one till, {@code loyalty/v1/{chain}/...}
 * and {@code loyalty/v1/{chain}/{store}/...} for what HQ sends to many.
 */
public record Topics(String chain, String store, String terminal) {
    public static final String ROOT = "loyalty/v1";
    private static final Pattern LEVEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Topics {
        requireLevel("chain", chain);
        requireLevel("store", store);
        requireLevel("terminal", terminal);
    }

    /** A topic level: no MQTT wildcards, separators or {@code $}, so ids can never widen a filter. */
    public static void requireLevel(String what, String value) {
        if (value == null || !LEVEL.matcher(value).matches()) {
            throw new SyncException(what + " id '" + value + "' is not a valid topic level: use 1-64 of"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private String terminalRoot() {
        return ROOT + "/" + chain + "/" + store + "/" + terminal;
    }

    public String events() {
        return terminalRoot() + "/events";
    }

    public String acks() {
        return terminalRoot() + "/acks";
    }

    public String status() {
        return terminalRoot() + "/status";
    }

    public String terminalCommands() {
        return terminalRoot() + "/commands";
    }

    public String storeCommands() {
        return ROOT + "/" + chain + "/" + store + "/commands";
    }

    public String chainCommands() {
        return ROOT + "/" + chain + "/commands";
    }

    public String chainCampaigns() {
        return ROOT + "/" + chain + "/campaigns";
    }

    public String storeCampaigns() {
        return ROOT + "/" + chain + "/" + store + "/campaigns";
    }

    /** Member snapshots and redeemed vouchers HQ sends to the whole chain. */
    public String members() {
        return ROOT + "/" + chain + "/members";
    }

    /** The same, for one store's terminals: where HQ pushes the balances of members who shop there. */
    public String storeMembers() {
        return ROOT + "/" + chain + "/" + store + "/members";
    }

    /** This terminal's balance questions to HQ: unsigned, a question carries no authority. */
    public String lookup() {
        return terminalRoot() + "/lookup";
    }

    /** HQ's signed answers to this terminal's balance questions. */
    public String lookupReply() {
        return terminalRoot() + "/lookup-reply";
    }

    /** Everything this terminal subscribes to, on every connect. */
    public List<String> subscriptions() {
        return List.of(
                acks(),
                terminalCommands(),
                storeCommands(),
                chainCommands(),
                chainCampaigns(),
                storeCampaigns(),
                members(),
                storeMembers(),
                lookupReply());
    }

    /** HQ's filter for every terminal's event batches, shared among ingest workers. */
    public static String sharedEventsFilter(String group) {
        return "$share/" + group + "/" + ROOT + "/+/+/+/events";
    }

    /** HQ's filter for every terminal's balance questions, shared among its lookup responders. */
    public static String sharedLookupFilter(String group) {
        requireLevel("shared subscription group", group);
        return "$share/" + group + "/" + ROOT + "/+/+/+/lookup";
    }

    public static String allStatusFilter() {
        return ROOT + "/+/+/+/status";
    }

    /** The terminal path ({chain, store, terminal}) of a per-terminal topic, if it is one. */
    public static Optional<Topics> ofTerminalTopic(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length != 6 || !(levels[0] + "/" + levels[1]).equals(ROOT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Topics(levels[2], levels[3], levels[4]));
        } catch (SyncException e) {
            return Optional.empty();
        }
    }
}
