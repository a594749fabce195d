package io.tollgate.testkit.suite;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold secrets are created readable by their owner only. */
final class SuiteFiles {
    private SuiteFiles() {
    }

    static void createPrivate(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        createPrivate(file);
        Files.writeString(file, content);
    }
}
