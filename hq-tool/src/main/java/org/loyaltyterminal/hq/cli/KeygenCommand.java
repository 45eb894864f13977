package org.loyaltyterminal.hq.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.keys.KeyFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Create an Ed25519 signing key pair: ID.key (PKCS#8 PEM, mode 0600) and ID.pub.")
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--id", required = true, description = "Key id terminals know the key by, e.g. hq-2026.")
    String id;

    @Option(names = "--out", required = true, description = "Folder to write the two files to.")
    Path out;

    @Override
    public Integer call() {
        KeyFiles.Written written = KeyFiles.generate(id, out);
        spec.commandLine().getOut().println("private key: " + written.privateKey() + " (keep at HQ, mode 0600)");
        spec.commandLine()
                .getOut()
                .println("public key:  " + written.publicKey() + " (copy to every terminal's HQ key folder)");
        return 0;
    }
}
