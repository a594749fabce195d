package io.tollgate.testkit.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Makes a test's temporary directories, and deletes directories whole. */
public final class Directories {
    private Directories() {
    }

    /** A new directory under the system's temporary directory, as its real path (so locations compare as written). */
    public static Path createTemporary(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the directory and everything in it; nothing happens if it is already gone. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Deletes the directory when the JVM exits, for one that lives as long as the run (e.g. shared keys). */
    public static void deleteOnExit(Path directory) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteRecursively(directory);
            } catch (IOException e) {
                // A leftover temporary directory is no test's failure.
            }
        }, "delete-" + directory.getFileName()));
    }
}
