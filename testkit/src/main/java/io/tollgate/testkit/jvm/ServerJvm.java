package io.tollgate.testkit.jvm;

import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.files.Directories;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server run as a JVM of its own, its output in a log file in its directory, ready once its log
 * names the port it bound (servers started on port 0, so that no port is guessed free); stopped, and
 * its directory removed when it owns it, on {@link #close()} or, should the caller never close it,
 * at the JVM's exit.
 */
public final class ServerJvm implements AutoCloseable {
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path directory;
    private final boolean ownsDirectory;
    private final Path log;
    private final int port;

    private ServerJvm(String name, Process process, Path directory, boolean ownsDirectory, Path log, int port) {
        this.name = name;
        this.process = process;
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        this.log = log;
        this.port = port;
    }

    /**
     * How to start one.
     *
     * @param name          what it is, for messages ("S3Mock")
     * @param arguments     the JVM's arguments after the {@code java} executable
     * @param environment   variables to set; a null value removes one the caller's environment has
     * @param directory     its working directory, where its log goes
     * @param ownsDirectory whether {@link #close()} removes the directory
     * @param portInLog     a pattern whose first group is the port, matched against the whole log
     * @param startTimeout  how long it may take to log its port
     */
    public record Launch(String name, List<String> arguments, Map<String, String> environment, Path directory,
                         boolean ownsDirectory, Pattern portInLog, Duration startTimeout) {
    }

    /** The text of a classpath a {@code *-classpath} module wrote as a resource. */
    public static String classpath(String resource, String module) {
        try (InputStream in = ServerJvm.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath: add io.tollgate:" + module
                        + " to the module's dependencies (test scope)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it and waits until its log names its port. */
    public static ServerJvm start(Launch launch) {
        Path log = launch.directory().resolve(logName(launch.name()));
        Process process = launch(launch, log);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(process, launch.directory(),
                launch.ownsDirectory()), logName(launch.name()) + "-stop"));
        try {
            Await.until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(launch.name() + " exited with code " + process.exitValue() + "\n"
                            + tail(log));
                }
                return port(log, launch.portInLog()).isPresent();
            }, launch.startTimeout(), () -> launch.name() + " did not start within " + launch.startTimeout() + "\n"
                    + tail(log));
            return new ServerJvm(launch.name(), process, launch.directory(), launch.ownsDirectory(), log,
                    port(log, launch.portInLog()).orElseThrow());
        } catch (IOException e) {
            stopAndDelete(process, launch.directory(), launch.ownsDirectory());
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stopAndDelete(process, launch.directory(), launch.ownsDirectory());
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Whether its process still runs (false once closed). */
    public boolean running() {
        return process.isAlive();
    }

    /** Its log so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its resident memory as the kernel counts it (Linux), in bytes; empty where that cannot be read. */
    public OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or the process is gone.
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        stopAndDelete(process, directory, ownsDirectory);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ")";
    }

    private static Process launch(Launch launch, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.arguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        launch.environment().forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            Files.createDirectories(launch.directory());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + launch.name(), e);
        }
    }

    private static String logName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".log";
    }

    // The port once the server listens, read from its log.
    private static Optional<Integer> port(Path log, Pattern portInLog) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        Matcher matcher = portInLog.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void stopAndDelete(Process process, Path directory, boolean ownsDirectory) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (ownsDirectory) {
            try {
                Directories.deleteRecursively(directory);
            } catch (IOException e) {
                // A leftover temporary directory is no test's failure.
            }
        }
    }
}
