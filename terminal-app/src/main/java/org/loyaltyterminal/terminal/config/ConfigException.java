package org.loyaltyterminal.terminal.config;

/**
 * A configuration that cannot be used. The message names the file, the key, the value found and
 * how to fix it; the daemon prints it and exits before touching any device or data.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
