package io.tollgate.testkit.s3;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adobe's S3Mock, an S3-compatible server (path-style addressing, any keys accepted, signatures not
 * checked), started as its own JVM on ports the kernel chooses, with its buckets created at start
 * and its objects in a temporary directory that {@link #close()} removes with the process (and,
 * should the test never close it, the test JVM's exit). Start one per test class: it takes several
 * seconds to start.
 */
public final class S3MockServer implements AutoCloseable {
    /** Where the {@code tollgate-s3mock-classpath} jar keeps S3Mock's classpath. */
    static final String CLASSPATH_RESOURCE = "io/tollgate/testkit/s3/s3mock.classpath";
    private static final String MAIN_CLASS = "com.adobe.testing.s3mock.S3MockApplication";
    // Spring Boot's Tomcat names both connectors once they listen: "... on ports 1234 (https), 5678 (http) ...".
    private static final Pattern HTTP_PORT = Pattern.compile("Tomcat started on ports? .*?(\\d+) \\(http\\)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final Path directory;
    private final int port;

    private S3MockServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Starts S3Mock with these buckets and waits until it serves. */
    public static S3MockServer start(String... buckets) {
        Path directory = temporaryDirectory();
        Path log = directory.resolve("s3mock.log");
        Process process = launch(directory, log, buckets);
        // A test class that fails before its own clean-up runs must not leave S3Mock behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(process);
            delete(directory);
        }, "s3mock-stop"));
        try {
            Await.until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Mock exited with code " + process.exitValue() + "\n" + tail(log));
                }
                return httpPort(log).isPresent();
            }, START_TIMEOUT, () -> "S3Mock did not start within " + START_TIMEOUT + "\n" + tail(log));
            return new S3MockServer(process, directory, httpPort(log).orElseThrow());
        } catch (IOException e) {
            stop(process);
            delete(directory);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stop(process);
            delete(directory);
            throw e;
        }
    }

    /** The endpoint URL, e.g. {@code http://localhost:41234}, for path-style requests. */
    public String endpoint() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Whether its process still runs (false once closed). */
    public boolean running() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop(process);
        delete(directory);
    }

    private static Process launch(Path directory, Path log, String[] buckets) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", classpath(), MAIN_CLASS,
                // Both connectors on ports the kernel chooses: the log names them.
                "--http.port=0", "--server.port=0"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", String.join(",", buckets));
        builder.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_ROOT", directory.resolve("store").toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Mock", e);
        }
    }

    private static String classpath() {
        try (InputStream in = S3MockServer.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is not on the classpath: add io.tollgate:"
                        + "tollgate-s3mock-classpath to the test module's dependencies (test scope)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The port once S3Mock has started listening, read from its log.
    private static Optional<Integer> httpPort(Path log) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        Matcher matcher = HTTP_PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
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

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("s3mock");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try {
            Directories.deleteRecursively(directory);
        } catch (IOException e) {
            // A leftover temporary directory is no test's failure.
        }
    }
}
