package org.loyaltyterminal.hq.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.loyaltyterminal.hq.cli.Main;

/** Runs hq-tool in-process and keeps what it printed. */
public record Cli(int exitCode, String out, String err) {
    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }

    public Cli ok() {
        if (exitCode != 0) {
            throw new AssertionError("hq-tool exited " + exitCode + ": " + err + out);
        }
        return this;
    }
}
