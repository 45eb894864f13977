package org.loyaltyterminal.core.config;

/**
 * A configuration that cannot be used. The message names the file, the key, the value found and
 * how to fix it; the till's daemon and HQ's service print it and exit before touching any device
 * or data.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
