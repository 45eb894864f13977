package org.loyaltyterminal.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.voucher.VoucherCheck;
import org.loyaltyterminal.core.voucher.VoucherCodec;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.testing.TillFiles;
import picocli.CommandLine;

/** {@code voucher preview}: a PNG of the voucher as it prints, whose code no till accepts. */
class VoucherPreviewTest {
    @TempDir
    Path dir;

    @Test
    void thePreviewShowsAReadableQrCodeThatIsNotAGenuineVoucher() throws Exception {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        Path png = dir.resolve("voucher.png");
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(
                "voucher", "preview", "--config", config.toString(), "--reward", "croissant", "--out", png.toString());
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("voucher for 'croissant', 384 x"), "58 mm is 384 dots wide: " + out);

        BufferedImage image = ImageIO.read(png.toFile());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String code = new QRCodeReader()
                .decode(new BinaryBitmap(
                        new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                .getText();
        assertTrue(code.matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}"), "a voucher code in the QR: " + code);
        var key = new ConfigLoader().load(config).vouchers().key().orElseThrow();
        assertInstanceOf(
                VoucherCheck.SignatureInvalid.class,
                new VoucherCodec().verify(code, key),
                "signed with a throwaway key, the preview cannot be redeemed");
    }

    @Test
    void anUnknownRewardIsNamedWithTheCatalogue() {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(
                "voucher",
                "preview",
                "--config",
                config.toString(),
                "--reward",
                "cake",
                "--out",
                dir.resolve("x.png").toString());
        assertEquals(2, exit);
        assertTrue(
                err.toString().contains("no reward 'cake'") && err.toString().contains("[free-coffee, croissant]"),
                err.toString());
    }

    @Test
    void anOutputInAMissingFolderIsAClearErrorWithoutAStackTrace() throws Exception {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        Path png = dir.resolve("nonexistent").resolve("x.png");
        StringWriter err = new StringWriter();
        // the JDK's image writer printed its stack trace straight to System.err, past picocli's writer
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            exit = Main.commandLine()
                    .setErr(new PrintWriter(err, true))
                    .execute("voucher", "preview", "--config", config.toString(), "--out", png.toString());
        } finally {
            System.setErr(original);
        }
        assertEquals(1, exit, err.toString());
        assertTrue(
                err.toString().contains("cannot write " + png + ": folder " + png.getParent() + " does not exist"),
                err.toString());
        assertFalse(
                stderr.toString(StandardCharsets.UTF_8).contains("Exception"), "a stack trace on stderr: " + stderr);
        assertFalse(Files.exists(png));
    }
}
