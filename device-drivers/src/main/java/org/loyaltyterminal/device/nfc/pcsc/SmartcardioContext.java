package org.loyaltyterminal.device.nfc.pcsc;

import java.lang.reflect.Field;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * The JDK's PC/SC provider (SunPCSC), and the one place that works around its process-wide
 * context.
 *
 * <p>SunPCSC establishes one PC/SC context per JVM, on first use, in a static field
 * ({@code sun.security.smartcardio.PCSCTerminals.contextId}), and never establishes another:
 * {@code TerminalFactory.getInstance("PC/SC", null)} reuses it. When pcscd restarts, that context
 * is gone on the server side and every call fails with SCARD_E_NO_SERVICE for the life of the JVM
 * (checked with pcsc-lite 1.9.9 and JDK 25: a new factory is not enough). {@link #renew()} clears
 * the field, and the provider's cache of terminals that hold the old context, so that the next
 * factory establishes a fresh one. That needs the JVM flag {@value #OPEN_FLAG}; without it the
 * reader cannot recover in place and the service must restart.
 */
final class SmartcardioContext {
    /** The JVM flag that lets {@link #renew()} reach the provider's context. */
    static final String OPEN_FLAG = "--add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED";

    private static final String PROVIDER_PACKAGE = "sun.security.smartcardio";
    private static final String EXCEPTION_CLASS = PROVIDER_PACKAGE + ".PCSCException";

    /** PC/SC codes that mean the context or pcscd is gone, rather than the card or the reader. */
    private static final Set<String> SERVICE_GONE = Set.of(
            "SCARD_E_NO_SERVICE",
            "SCARD_E_SERVICE_STOPPED",
            "SCARD_E_INVALID_HANDLE",
            "SCARD_F_COMM_ERROR",
            "SCARD_F_INTERNAL_ERROR");
    /** PC/SC codes that mean the reader is gone or not there. */
    private static final Set<String> READER_GONE =
            Set.of("SCARD_E_NO_READERS_AVAILABLE", "SCARD_E_UNKNOWN_READER", "SCARD_E_READER_UNAVAILABLE");

    /** Why the provider cannot be used right now. */
    enum Trouble {
        /** libpcsclite did not load: a configuration error, permanent in this JVM. */
        LIBRARY,
        /** pcscd is down or restarted: the context must be renewed. */
        SERVICE,
        /** The reader is not attached or was removed. */
        READER,
        /** The card left, or refused the protocol: this presentation only. */
        CARD
    }

    CardTerminals terminals() throws ProviderException {
        try {
            return TerminalFactory.getInstance("PC/SC", null).terminals();
        } catch (NoSuchAlgorithmException e) {
            throw new ProviderException(classify(e), e);
        }
    }

    /** Whether {@link #renew()} can work in this JVM (the provider package is open to us). */
    boolean canRenew() {
        Module provider = CardTerminals.class.getModule();
        return provider.isOpen(PROVIDER_PACKAGE, SmartcardioContext.class.getModule());
    }

    /**
     * Forgets the provider's context so that the next {@link #terminals()} establishes a new one.
     * The old context is not released (the provider has no call for it); after a pcscd restart
     * there is nothing left to release.
     *
     * @throws IllegalStateException when {@link #canRenew()} is false or the provider changed shape
     */
    void renew() {
        try {
            Class<?> terminals = Class.forName(PROVIDER_PACKAGE + ".PCSCTerminals");
            Field contextId = terminals.getDeclaredField("contextId");
            Field cache = terminals.getDeclaredField("terminals");
            contextId.setAccessible(true);
            cache.setAccessible(true);
            // The provider's own static methods synchronise on the class.
            synchronized (terminals) {
                contextId.setLong(null, 0L);
                ((Map<?, ?>) cache.get(null)).clear();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot renew the JDK's PC/SC context (" + e + "); start the JVM with " + OPEN_FLAG, e);
        }
    }

    /** The PC/SC error name (e.g. SCARD_E_NO_SERVICE) in a provider exception's causes. */
    static Optional<String> pcscCode(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getClass().getName().equals(EXCEPTION_CLASS) && c.getMessage() != null) {
                return Optional.of(c.getMessage());
            }
        }
        return Optional.empty();
    }

    static Trouble classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnsupportedOperationException || c instanceof UnsatisfiedLinkError) {
                return Trouble.LIBRARY;
            }
        }
        String code = pcscCode(t).orElse("");
        if (SERVICE_GONE.contains(code)) {
            return Trouble.SERVICE;
        }
        if (READER_GONE.contains(code)) {
            return Trouble.READER;
        }
        return code.isEmpty() ? Trouble.SERVICE : Trouble.CARD;
    }

    /** The provider failed; carries what kind of trouble it is. */
    static final class ProviderException extends Exception {
        private final Trouble trouble;

        ProviderException(Trouble trouble, Throwable cause) {
            super(trouble + ": " + pcscCode(cause).orElse(String.valueOf(cause.getMessage())), cause, false, false);
            this.trouble = trouble;
        }

        Trouble trouble() {
            return trouble;
        }
    }
}
