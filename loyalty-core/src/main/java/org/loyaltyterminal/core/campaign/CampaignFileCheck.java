package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One validation pass over one parsed campaign file: collects every problem, then either builds
 * the bundle or throws them all. Not reusable; {@link CampaignBundleReader} makes one per file.
 * Each section has its own check ({@link ProductsCheck}, {@link RewardsCheck}, {@link
 * CampaignsCheck} with one {@link CampaignKindCheck} per type, {@link ProgrammeCheck}, {@link
 * TiersCheck}, {@link VoucherReferences}); they read through {@link Fields} and record into
 * {@link Problems}.
 *
 * <p>Every problem reads {@code <source>: <subject> (<path>): <what is wrong>, was <found>}, where
 * the subject names the campaign or product the path is inside, if any, and carries its JSON path
 * ({@link CampaignFileException#details()}).
 */
final class CampaignFileCheck {

    private static final List<String> TOP_FIELDS = List.of(
            "format",
            "version",
            "products",
            "campaigns",
            "rewards",
            "safeguards",
            "pointsExpiry",
            "tiers",
            "referral",
            "rewardOffer");

    private final JsonNode root;
    private final Problems problems;
    private final ProductsCheck products = new ProductsCheck();
    private final RewardsCheck rewards = new RewardsCheck();
    private final CampaignsCheck campaigns = new CampaignsCheck(
            List.of(new StampCardCheck(), new PointsCheck(), new BonusCheck(), new BuyXGetYCheck()), new TermsCheck());
    private final VoucherReferences voucherReferences = new VoucherReferences();
    private final ProgrammeCheck programme = new ProgrammeCheck();
    private final TiersCheck tiers = new TiersCheck();

    CampaignFileCheck(String source, JsonNode root) {
        this.root = root;
        this.problems = new Problems(source, root);
    }

    CampaignBundle check(List<StrictJsonReader.DuplicateKey> duplicates) {
        if (!(root instanceof ObjectNode object)) {
            problems.add(
                    JsonPath.ROOT,
                    "must be a JSON object with \"format\", \"version\" and \"campaigns\", was "
                            + JsonText.describe(root));
            throw problems.failure();
        }
        Optional<Long> format =
                new Fields(object, JsonPath.ROOT, problems, new FileFormat(1)).integer("format", 1, Long.MAX_VALUE);
        if (format.isPresent() && format.get() > CampaignBundleReader.FORMAT) {
            // A newer format may be valid in ways this terminal cannot judge: say only that.
            String why = "uses format " + format.get() + "; this terminal understands format "
                    + CampaignBundleReader.FORMAT + "; update the terminal software";
            throw problems.alone(JsonPath.ROOT.field("format"), "campaign file " + problems.source() + " " + why, why);
        }
        FileFormat fileFormat = new FileFormat(format.orElse(1L));
        for (StrictJsonReader.DuplicateKey d : duplicates) {
            problems.add(
                    JsonPath.parse(d.path()),
                    d.path(),
                    "key \"" + d.key() + "\" appears more than once in the same object (again at line " + d.line()
                            + ", column " + d.column() + "); keep only one");
        }
        Fields top = new Fields(object, JsonPath.ROOT, problems, fileFormat);
        top.rejectUnknown(TOP_FIELDS);
        Optional<Long> version = top.integer("version", 1, Long.MAX_VALUE);
        Map<String, Product> productTable = products.read(top);
        List<Reward> catalogue = rewards.read(top, productTable);
        List<Campaign> campaignList = campaigns.read(top);
        voucherReferences.check(root, fileFormat, catalogue, problems);
        Optional<Safeguards> safeguards = top.section("safeguards", Safeguards.NONE, programme::safeguards);
        Omittable<PointsExpiry> expiry = top.optionalSection("pointsExpiry", programme::pointsExpiry);
        Optional<Tiers> ladder = top.section("tiers", Tiers.NONE, tiers::read);
        Omittable<Referral> referral = top.optionalSection("referral", programme::referral);
        Omittable<RewardOffer> offer =
                top.optionalSection("rewardOffer", o -> programme.rewardOffer(o, productTable, catalogue));
        if (!problems.isEmpty()) {
            throw problems.failure();
        }
        try {
            return new CampaignBundle(
                    format.orElseThrow().intValue(),
                    version.orElseThrow(),
                    productTable,
                    campaignList,
                    catalogue,
                    safeguards.orElseThrow(),
                    new MemberProgramme(expiry.given(), ladder.orElseThrow(), referral.given(), offer.given()));
        } catch (IllegalArgumentException e) {
            problems.add(JsonPath.ROOT, e.getMessage());
            throw problems.failure();
        }
    }

    /** "campaign 'x'" or "product 'y'" for a path (as problem lines show it) inside one, else empty. */
    String subject(String path) {
        return problems.subject(path);
    }
}
