package io.tollgate.testkit.suite;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The demo's generated secrets: account passwords, database role passwords and the statement
 * handle key. Generated on the first start and kept (owner-readable only) so that a second
 * {@code up} reuses the same data and credentials.
 */
public final class DemoSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties values;
    private final Path file;

    private DemoSecrets(Properties values, Path file) {
        this.values = values;
        this.file = file;
    }

    /** Loads the secrets kept in {@code file}, or starts an empty set that will be saved there. */
    public static DemoSecrets loadOrCreate(Path file) {
        Properties values = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new DemoSecrets(values, file);
    }

    /** The secret with this name, generated the first time it is asked for. */
    public synchronized String get(String name) {
        String value = values.getProperty(name);
        if (value == null) {
            value = generate(name.endsWith("handle-key") ? 32 : 18);
            values.setProperty(name, value);
            save();
        }
        return value;
    }

    private static String generate(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            SuiteFiles.createPrivate(file);
            try (Writer writer = Files.newBufferedWriter(file)) {
                values.store(writer, "Tollgate demo secrets (development only)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
