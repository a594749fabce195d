package io.tollgate.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Bootstrap files for tests. */
public final class BootstrapFiles {
    private BootstrapFiles() {
    }

    public static Path write(String json) {
        try {
            Path file = Files.createTempFile("tenants-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of tenants that set only the required fields. */
    public static String minimalTenants(String... ids) {
        return Arrays.stream(ids).map(BootstrapFiles::minimalTenant)
                .collect(Collectors.joining(",", "{\"tenants\":[", "]}"));
    }

    public static String minimalTenant(String id) {
        return """
                {"id":"%s","isolationMode":"SHARED_RLS","jdbcUrl":"jdbc:postgresql://localhost:5432/shared",
                 "username":"%s_app","password":"secret-%s"}""".formatted(id, id, id);
    }
}
