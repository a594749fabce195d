package io.tollgate.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers the service tests share. */
public final class TestSupport {

    private TestSupport() {
    }

    /** Writes a bootstrap file with this JSON into a fresh temporary directory. */
    public static Path bootstrapFile(String json) {
        try {
            Path dir = Files.createTempDirectory("auth-bootstrap");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("accounts.json");
            Files.writeString(file, json);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
