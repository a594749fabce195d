package io.tollgate.testkit.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a process's log file, to explain a failure in an assertion's message. */
public final class LogTail {
    private static final int LINES = 40;

    private LogTail() {
    }

    /** The last lines of {@code log}, or {@code (no log)} when it cannot be read. */
    public static String of(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LINES), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
