package io.tollgate.testkit.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running as its own JVM, started from its module's compiled classes and runtime
 * classpath (written by the build), configured through environment variables as in a container,
 * with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {
    /** JVM flags every service needs (Arrow's memory access, Netty 4.2 on newer JDKs). */
    public static final List<String> JVM_FLAGS = List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dio.netty.noUnsafe=false");

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final List<Integer> otherPorts;

    private ServiceProcess(String name, Process process, Path log, int httpPort, List<Integer> otherPorts) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.otherPorts = otherPorts;
    }

    /**
     * Starts a service.
     *
     * @param root      the repository root
     * @param module    the service's module directory, e.g. {@code auth-service}
     * @param mainClass its main class
     * @param env       its configuration, as environment variables
     * @param httpPort  the HTTP port its health endpoint answers on
     * @param otherPorts ports it must also be listening on before it counts as started (gRPC opens
     *                  after HTTP health already answers)
     * @param logDir    where its log goes
     */
    public static ServiceProcess start(Path root, String module, String mainClass, Map<String, String> env,
                                       int httpPort, List<Integer> otherPorts, Path logDir, String maxHeap) {
        Path target = root.resolve(module).resolve("target");
        Path classpathFile = target.resolve("runtime-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(module + " is not built: " + classpathFile + " is missing (run ./mvnw package)");
        }
        try {
            String classpath = target.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_FLAGS);
            command.add("-Xmx" + maxHeap);
            command.add("-XX:+ExitOnOutOfMemoryError");
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass);
            Files.createDirectories(logDir);
            Path log = logDir.resolve(module + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ServiceProcess(module, builder.start(), log, httpPort, List.copyOf(otherPorts));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /**
     * Waits until the service's health endpoint answers UP and its other ports accept connections;
     * fails early if the process exits.
     */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        awaitHttpHealth(deadline, timeout);
        for (int port : otherPorts) {
            while (!listening(port)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(name + " is not listening on port " + port + "\n" + tail());
                }
                sleep(100);
            }
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitHttpHealth(Instant deadline, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
                if (response.statusCode() == 200) {
                    throw new IllegalStateException(name + " reports unhealthy: " + response.body());
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "\n" + tail());
    }

    /** The last lines of the service's log, to explain a failure. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
