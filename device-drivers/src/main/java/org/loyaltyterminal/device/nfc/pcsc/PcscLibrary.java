package org.loyaltyterminal.device.nfc.pcsc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.device.DeviceException;

/**
 * Which libpcsclite the JDK's PC/SC provider (module java.smartcardio) loads.
 *
 * <p>The provider reads the system property {@value #PROPERTY} once, when it first initialises,
 * and never again: a later change has no effect until the JVM restarts. So the property is set in
 * exactly one of two places, before the first reader starts: on the JVM command line
 * ({@code -Dsun.security.smartcardio.library=/usr/lib/aarch64-linux-gnu/libpcsclite.so.1}), or in
 * the composition root with {@link #select(Path)}. Nothing else in the code sets it.
 *
 * <p>Without the property, JDK 25 (Temurin included) already tries the Debian multiarch path
 * {@code /usr/lib/<triplet>/libpcsclite.so.1} (and the 32-bit ARM ones), so on Debian and
 * Raspberry Pi OS with the package libpcsclite1 installed it is not needed; older JDKs only
 * looked for {@code /usr/lib64/libpcsclite.so}, which needs the -dev package. Set it when the
 * library lives elsewhere, or to pin the path; {@link #defaultPath()} is the usual value.
 */
public final class PcscLibrary {
    /** The system property the JDK's PC/SC provider reads. */
    public static final String PROPERTY = "sun.security.smartcardio.library";
    /** The Debian package that holds the library. */
    public static final String PACKAGE = "libpcsclite1";

    private PcscLibrary() {}

    /** {@code /usr/lib/<multiarch triplet>/libpcsclite.so.1} for the running JVM's architecture. */
    public static Path defaultPath() {
        return defaultPath(System.getProperty("os.arch", ""));
    }

    /**
     * {@code /usr/lib/<multiarch triplet>/libpcsclite.so.1} for a JVM {@code os.arch} value:
     * amd64 → x86_64-linux-gnu, aarch64 → aarch64-linux-gnu, arm (32-bit Raspberry Pi OS) →
     * arm-linux-gnueabihf, x86 → i386-linux-gnu.
     */
    public static Path defaultPath(String osArch) {
        Objects.requireNonNull(osArch, "osArch");
        String arch = osArch.toLowerCase(Locale.ROOT);
        String triplet = switch (arch) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            case "arm", "armhf", "arm32" -> "arm-linux-gnueabihf";
            case "x86", "i386", "i486", "i586", "i686" -> "i386-linux-gnu";
            case "ppc64le" -> "powerpc64le-linux-gnu";
            case "riscv64" -> "riscv64-linux-gnu";
            case "s390x" -> "s390x-linux-gnu";
            default -> {
                if (arch.isBlank()) {
                    throw new IllegalArgumentException("os.arch is empty; pass the architecture, e.g. aarch64");
                }
                yield arch + "-linux-gnu";
            }
        };
        return Path.of("/usr/lib", triplet, "libpcsclite.so.1");
    }

    /**
     * Points the JDK's PC/SC provider at {@code library}. Call it once, in the composition root,
     * before the first {@link PcscCardReader} starts.
     *
     * @throws DeviceException when the file is missing (the message says what to install or set),
     *                         or when the property already names another library
     */
    public static void select(Path library) {
        Objects.requireNonNull(library, "library");
        if (!Files.isRegularFile(library)) {
            throw new DeviceException(missingMessage(library));
        }
        String wanted = library.toString();
        String current = System.getProperty(PROPERTY, "");
        if (!current.isEmpty() && !current.equals(wanted)) {
            throw new DeviceException("PC/SC library: " + PROPERTY + " is already " + current + ", cannot also select "
                    + wanted + "; set it in one place only (the JVM flags or the reader settings)");
        }
        System.setProperty(PROPERTY, wanted);
    }

    /** The library named by {@value #PROPERTY}, when it is set. */
    public static Optional<String> selected() {
        String current = System.getProperty(PROPERTY, "").strip();
        return current.isEmpty() ? Optional.empty() : Optional.of(current);
    }

    /** For a library path that does not exist: what to install, and what to set instead. */
    static String missingMessage(Path library) {
        return "PC/SC library " + library + " not found; install it with 'apt-get install " + PACKAGE + " pcscd', "
                + "or set -D" + PROPERTY + "=<path to libpcsclite.so.1> (on this machine usually " + defaultPathText()
                + "; 'ldconfig -p | grep libpcsclite' shows where it is)";
    }

    /** For a provider that failed to initialise: the cause, and what to install or set. */
    static String unavailableMessage(String component, Throwable cause) {
        return component + ": the JDK's PC/SC provider could not load libpcsclite (" + rootMessage(cause) + ", "
                + PROPERTY + " = " + selected().orElse("(not set)") + "); install it with 'apt-get install " + PACKAGE
                + " pcscd', or set -D" + PROPERTY + "=<path to libpcsclite.so.1> (on this machine usually "
                + defaultPathText() + "), then restart the service: the provider does not retry in this JVM";
    }

    private static String defaultPathText() {
        try {
            return defaultPath().toString();
        } catch (IllegalArgumentException e) {
            return "/usr/lib/<arch>-linux-gnu/libpcsclite.so.1";
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
