package org.loyaltyterminal.sync.inbound;

/** Why a message from HQ was not applied. The previous state stays in force in every case. */
public enum Refusal {
    OVERSIZED("larger than the configured limit; not parsed"),
    MALFORMED("not a signed envelope in JSON"),
    UNSIGNED("carries no signature"),
    UNKNOWN_KEY("signed by a key this terminal does not trust"),
    BAD_SIGNATURE("the signature does not verify"),
    UNSUPPORTED_SCHEMA("uses a schema newer than this software"),
    INVALID_CONTENT("the signed content is not valid"),
    WRONG_TOPIC("this kind of message does not belong on this topic"),
    NOT_FOR_THIS_TERMINAL("targets another chain, store or terminal"),
    NOT_ASKED("answers a question this terminal did not ask"),
    NOT_NEWER("its version is not newer than the one in force");

    private final String meaning;

    Refusal(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
