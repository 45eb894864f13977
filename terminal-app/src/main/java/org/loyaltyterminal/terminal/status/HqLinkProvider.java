package org.loyaltyterminal.terminal.status;

/** The HQ link's state for the status page. Called off the scan path; may read storage. */
@FunctionalInterface
public interface HqLinkProvider {
    HqLinkView hqLink();
}
