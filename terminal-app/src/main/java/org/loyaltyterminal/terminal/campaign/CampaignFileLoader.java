package org.loyaltyterminal.terminal.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignBundleReader;
import org.loyaltyterminal.core.campaign.CampaignFileException;

/**
 * Reads a campaign file from disk and hands its text to the core's {@link CampaignBundleReader}:
 * the size is checked before reading, and a missing, unreadable or non-UTF-8 file is reported in
 * the same {@link CampaignFileException} form as a problem inside the file.
 */
public final class CampaignFileLoader {

    private final CampaignBundleReader reader = new CampaignBundleReader();

    /**
     * Reads and validates the campaign file at {@code file}, named by its path in messages.
     *
     * @throws CampaignFileException when the file cannot be read or holds any problem
     */
    public CampaignBundle load(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        byte[] utf8;
        try {
            long size = Files.size(file);
            if (size > CampaignBundleReader.MAX_BYTES) {
                throw CampaignBundleReader.tooLarge(source, size + " bytes");
            }
            utf8 = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CampaignFileException(source, List.of(source + ": no such file; check the path"), e);
        } catch (IOException e) {
            throw new CampaignFileException(
                    source,
                    List.of(source + ": cannot be read (" + e + "); check that the file exists and is readable"),
                    e);
        }
        return reader.parse(utf8, source);
    }

    /** Validates campaign JSON already in memory (HQ's bundles as the till stored them). */
    public CampaignBundle parse(String json, String sourceName) {
        return reader.parse(json, sourceName);
    }
}
