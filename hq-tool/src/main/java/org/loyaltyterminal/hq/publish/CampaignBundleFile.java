package org.loyaltyterminal.hq.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignBundleReader;
import org.loyaltyterminal.core.campaign.CampaignFileException;
import org.loyaltyterminal.hq.HqException;

/**
 * A campaign bundle file as HQ is about to sign it, checked with the checker every till runs on
 * it (loyalty-core's {@link CampaignBundleReader}): a bundle every till would refuse is never
 * signed, and the operator reads why at HQ rather than in the tills' logs. What depends on one
 * till's configuration (a voucher key for rules that issue vouchers) only the till can check.
 */
public final class CampaignBundleFile {

    private final Path file;
    private final byte[] bytes;
    private final CampaignBundle bundle;

    private CampaignBundleFile(Path file, byte[] bytes, CampaignBundle bundle) {
        this.file = file;
        this.bytes = bytes;
        this.bundle = bundle;
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws HqException naming every problem, each by its JSON path, when the tills would refuse it
     */
    public static CampaignBundleFile read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > CampaignBundleReader.MAX_BYTES) {
                throw new HqException("campaign bundle " + file + " is " + size + " bytes, more than a till reads ("
                        + CampaignBundleReader.MAX_BYTES + "); nothing was published");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HqException("campaign bundle " + file + ": no such file; check the path", e);
        } catch (IOException e) {
            throw new HqException("campaign bundle " + file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return new CampaignBundleFile(file, bytes, new CampaignBundleReader().parse(bytes, file.toString()));
        } catch (CampaignFileException e) {
            throw new HqException(refusal(file, e.details()), e);
        }
    }

    private static String refusal(Path file, List<CampaignFileException.Problem> problems) {
        StringBuilder text = new StringBuilder("campaign bundle ")
                .append(file)
                .append(" has ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append(" every till would refuse it for; nothing was signed or published:");
        for (CampaignFileException.Problem p : problems) {
            text.append("\n  ").append(p.line());
        }
        return text.toString();
    }

    /** The file's bytes, as the tills will read them. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public CampaignBundle bundle() {
        return bundle;
    }

    /**
     * The version to publish under: the bundle's own "version", since a till refuses a bundle
     * whose envelope says another.
     *
     * @param requested {@code --version}, which may only repeat the bundle's
     * @throws HqException when {@code requested} differs
     */
    public long version(Optional<Long> requested) {
        if (requested.isPresent() && requested.get() != bundle.version()) {
            throw new HqException("--version " + requested.get() + " differs from the bundle's \"version\": "
                    + bundle.version() + " in " + file + "; every till refuses a bundle whose envelope version"
                    + " differs from its own, so nothing was published: leave out --version, or change \"version\""
                    + " in the file");
        }
        return bundle.version();
    }

    /** One line for the operator: what was checked. */
    public String summary() {
        return "checked " + file + " as the tills do: format " + bundle.format() + ", version " + bundle.version()
                + ", " + bundle.products().size() + " products, "
                + bundle.campaigns().size() + " campaigns, "
                + bundle.rewards().size() + " rewards";
    }
}
