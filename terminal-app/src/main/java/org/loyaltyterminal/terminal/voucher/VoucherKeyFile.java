package org.loyaltyterminal.terminal.voucher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Set;
import org.loyaltyterminal.core.voucher.VoucherKey;

/** Reads the chain's {@link VoucherKey} from its hex file, refusing a file every user may read. */
public final class VoucherKeyFile {
    private VoucherKeyFile() {}

    /**
     * Reads the key from {@code file}.
     *
     * @throws IllegalArgumentException with the reason and the fix, for the config loader to report
     */
    public static VoucherKey read(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException("voucher key file " + file + " is readable by every user; "
                        + "restrict it: chmod 640 " + file + " (owner root, group of the service user)");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("voucher key file " + file + " does not exist; create it once with "
                    + "'openssl rand -hex 32 > " + file + "' and copy the same file to every till of the chain");
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check, reading below reports real failures.
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("voucher key file " + file + " cannot be read (" + e.getMessage()
                    + "); check that the service user may read it");
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("voucher key file " + file + " does not hold hex digits only; "
                    + "write the key as hex, e.g. from 'openssl rand -hex 32'");
        }
        if (key.length < VoucherKey.MIN_BYTES) {
            throw new IllegalArgumentException("voucher key file " + file + " holds " + key.length
                    + " bytes; use at least " + VoucherKey.MIN_BYTES + " ('openssl rand -hex 32')");
        }
        return VoucherKey.of(key);
    }
}
