package io.tollgate.testkit.suite;

import io.tollgate.testkit.logs.LogTail;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

    /** The environment variable naming the file where the service reports its bound ports. */
    static final String PORTS_REPORT_ENV = "TOLLGATE_REPORT_PORTS_TO";

    private final String name;
    private final Process process;
    private final Path log;
    private final Path portsReport;
    private final List<String> portNames;

    private ServiceProcess(String name, Process process, Path log, Path portsReport, List<String> portNames) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.portsReport = portsReport;
        this.portNames = portNames;
    }

    /**
     * Starts a service. It reports the ports it bound (see common's {@code io.tollgate.common.ports})
     * to a file beside its log, so its ports may be 0 (any free one, chosen by the kernel as it binds).
     *
     * @param root      the repository root
     * @param module    the service's module directory, e.g. {@code auth-service}
     * @param mainClass its main class
     * @param env       its configuration, as environment variables
     * @param portNames the servers it must have reported before it counts as started ({@code http},
     *                  {@code grpc}, {@code flight}); {@code http} answers the health check
     * @param logDir    where its log goes
     */
    public static ServiceProcess start(Path root, String module, String mainClass, Map<String, String> env,
                                       List<String> portNames, Path logDir, String maxHeap) {
        Path target = root.resolve(module).resolve("target");
        Path classpathFile = target.resolve("runtime-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(module + " is not built: " + classpathFile + " is missing (run ./mvnw package)");
        }
        try {
            String classpath = target.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
            List<String> command = javaCommand(classpath, maxHeap, mainClass);
            Files.createDirectories(logDir);
            Path log = logDir.resolve(module + ".log");
            Path portsReport = logDir.resolve(module + ".ports");
            // A report left by an earlier run would name ports another process may hold now.
            Files.deleteIfExists(portsReport);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().put(PORTS_REPORT_ENV, portsReport.toString());
            return new ServiceProcess(module, builder.start(), log, portsReport, List.copyOf(portNames));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
    }

    /**
     * The command line that runs {@code mainClass} as a service JVM of its own: this JVM's java, the
     * flags every service needs, {@code maxHeap}, exit on running out of memory. Arguments may follow.
     */
    public static List<String> javaCommand(String classpath, String maxHeap, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        return command;
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
     * Waits until the service has reported all its ports and its health endpoint answers UP; fails
     * early if the process exits.
     */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        awaitReportedPorts(deadline, timeout);
        awaitHttpHealth(deadline, timeout);
    }

    /** The port the service's server called {@code name} bound ({@code http}, {@code grpc}, {@code flight}). */
    public int port(String name) {
        String port = reportedPorts().getProperty(name);
        if (port == null) {
            throw new IllegalStateException(this.name + " has not reported a " + name + " port");
        }
        return Integer.parseInt(port);
    }

    private void awaitReportedPorts(Instant deadline, Duration timeout) {
        while (!reportedPorts().stringPropertyNames().containsAll(portNames)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " did not report its ports " + portNames + " within "
                        + timeout + "\n" + tail());
            }
            sleep(100);
        }
    }

    private Properties reportedPorts() {
        Properties ports = new Properties();
        // The service moves the whole file into place, so it is either absent or complete.
        try (Reader reader = Files.newBufferedReader(portsReport)) {
            ports.load(reader);
        } catch (NoSuchFileException e) {
            // not started yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + portsReport, e);
        }
        return ports;
    }

    private void awaitHttpHealth(Instant deadline, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port("http") + "/health"))
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
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "\n" + tail());
    }

    /**
     * Sends SIGTERM, as Kubernetes does to stop a pod ({@link Process#destroy()}), and returns at
     * once: the service drains what it has in flight, then exits ({@link #awaitExit}).
     */
    public void terminate() {
        process.destroy();
    }

    /** Waits until the process has exited, at most {@code timeout}; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " was still running " + timeout + " later\n" + tail());
        }
        return process.exitValue();
    }

    /** The last lines of the service's log, to explain a failure. */
    public String tail() {
        return LogTail.of(log);
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
