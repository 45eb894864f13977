package org.loyaltyterminal.terminal.ledger;

/** Root of every failure of the loyalty store; the message names the file and what to do. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
