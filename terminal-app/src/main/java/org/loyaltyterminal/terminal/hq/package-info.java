/**
 * The terminal's side of the HQ link: builds the sync agent from the config, applies what HQ
 * sends (campaigns, member balances, vouchers redeemed elsewhere, erasure, resend requests) and
 * shows the link on the status page. The MQTT work itself is the sync-agent module's.
 */
package org.loyaltyterminal.terminal.hq;
