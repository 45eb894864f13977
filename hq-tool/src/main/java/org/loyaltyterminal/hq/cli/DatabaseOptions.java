package org.loyaltyterminal.hq.cli;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import org.loyaltyterminal.hq.store.DatabaseSettings;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.sync.link.SecretFile;
import picocli.CommandLine.Option;

/** Where HQ's database is: the options of every command that reads or writes it. */
final class DatabaseOptions {
    @Option(
            names = {"--database", "--db"},
            required = true,
            paramLabel = "URL",
            description = "HQ's database: jdbc:postgresql://host:5432/db, jdbc:sqlite:/path/hq.db, or a plain path,"
                    + " which means a SQLite file (created if missing). --db is the former name.")
    String database;

    @Option(names = "--database-user", paramLabel = "USER", description = "PostgreSQL user (default: the URL's).")
    Optional<String> user = Optional.empty();

    @Option(
            names = "--database-password-file",
            paramLabel = "FILE",
            description = "File holding the PostgreSQL user's password on its first line; mode 0600.")
    Optional<Path> passwordFile = Optional.empty();

    @Option(
            names = "--database-pool-size",
            paramLabel = "N",
            defaultValue = "" + DatabaseSettings.DEFAULT_POOL_SIZE,
            description =
                    "PostgreSQL connections this process opens at most (default ${DEFAULT-VALUE}); SQLite uses one.")
    int poolSize;

    DatabaseSettings settings() {
        Optional<String> password =
                passwordFile.map(file -> new String(SecretFile.readPassword(file, "--database-password-file")));
        return DatabaseSettings.of(database).withLogin(user, password).withPoolSize(poolSize);
    }

    JdbcEventStore openStore() {
        return JdbcEventStore.open(settings(), InstantSource.system());
    }
}
