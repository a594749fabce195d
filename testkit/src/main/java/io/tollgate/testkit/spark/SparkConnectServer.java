package io.tollgate.testkit.spark;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.testkit.files.Directories;
import io.tollgate.testkit.jvm.ServerJvm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Apache Spark's Spark Connect server ({@code spark-connect_2.13}), started as its own JVM with the
 * module options Spark's launcher gives every Spark JVM, on {@code local[2]}, without its web UI,
 * bound to the loopback address on a port the kernel chooses (read back from its log), with its
 * warehouse and scratch space in a directory of its own, and, when given one, a token every client
 * must present ({@code spark.connect.authenticate.token}, passed in the environment so that no
 * process listing shows it). Ready when its log says it listens; killed on {@link #close()} (and,
 * should the caller never close it, at the JVM's exit). It takes seconds to start: start one per
 * test class, or share one.
 */
public final class SparkConnectServer implements AutoCloseable {
    /** Where the {@code tollgate-spark-connect-classpath} jar keeps the server's classpath. */
    static final String CLASSPATH_RESOURCE = "io/tollgate/testkit/spark/spark-connect.classpath";
    private static final String MAIN_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer";
    private static final String MODULE_OPTIONS_CLASS = "org.apache.spark.launcher.JavaModuleOptions";
    private static final String TOKEN_ENV = "SPARK_CONNECT_AUTHENTICATE_TOKEN";
    // SparkConnectService logs "Spark Connect server started at: <address>:<port>" once it listens.
    private static final Pattern STARTED = Pattern.compile("Spark Connect server started at: \\S*:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final ServerJvm server;

    private SparkConnectServer(ServerJvm server) {
        this.server = server;
    }

    /**
     * How to start a server.
     *
     * @param directory where its warehouse, scratch space and log go; null for a temporary directory that
     *                  {@link #close()} removes
     * @param token     the token clients must present; null for none
     * @param maxHeap   its {@code -Xmx}, e.g. {@code 1g}
     */
    public record Settings(@Nullable Path directory, @Nullable String token, String maxHeap) {
        /** In a temporary directory, without a token, with a 1 GiB heap. */
        public static final Settings DEFAULTS = new Settings(null, null, "1g");

        public Settings withToken(String value) {
            return new Settings(directory, value, maxHeap);
        }

        // The token is a credential: keep it out of test reports.
        @Override
        public String toString() {
            return "Settings[directory=" + directory + ", token=" + (token == null ? "none" : "***") + ", maxHeap="
                    + maxHeap + "]";
        }
    }

    /** A server in a temporary directory, without a token. */
    public static SparkConnectServer start() {
        return start(Settings.DEFAULTS);
    }

    /** Starts a server and waits until it listens. */
    public static SparkConnectServer start(Settings settings) {
        boolean ownsDirectory = settings.directory() == null;
        Path directory = ownsDirectory ? Directories.createTemporary("spark-connect") : settings.directory();
        Map<String, String> environment = new HashMap<>();
        // Never a token the caller's own environment happens to hold.
        environment.put(TOKEN_ENV, settings.token());
        return new SparkConnectServer(ServerJvm.start(new ServerJvm.Launch("Spark Connect server",
                arguments(directory, settings), environment, directory, ownsDirectory, STARTED, START_TIMEOUT)));
    }

    /** The port it listens on (loopback only). */
    public int port() {
        return server.port();
    }

    /** {@code localhost:<port>}: a registry endpoint. */
    public String endpoint() {
        return "localhost:" + server.port();
    }

    /** The URL Spark's clients take, without a token: {@code sc://localhost:<port>}. */
    public String url() {
        return "sc://localhost:" + server.port();
    }

    public long pid() {
        return server.pid();
    }

    /** Whether its process still runs (false once closed). */
    public boolean running() {
        return server.running();
    }

    /** Its log so far, for a test that asserts what the server saw. */
    public String log() {
        return server.log();
    }

    /** Its resident memory (Linux), in bytes; empty where that cannot be read. */
    public OptionalLong residentBytes() {
        return server.residentBytes();
    }

    @Override
    public void close() {
        server.close();
    }

    private static List<String> arguments(Path directory, Settings settings) {
        String classpath = ServerJvm.classpath(CLASSPATH_RESOURCE, "tollgate-spark-connect-classpath");
        Path scratch = directory.resolve("tmp");
        List<String> arguments = new ArrayList<>(moduleOptions(classpath));
        arguments.addAll(List.of("-Xmx" + settings.maxHeap(), "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + scratch,
                "-Dspark.master=local[2]",
                "-Dspark.app.name=tollgate-spark-connect",
                "-Dspark.ui.enabled=false",
                // Loopback only, on a port the kernel chooses: the log names it.
                "-Dspark.connect.grpc.binding.address=127.0.0.1",
                "-Dspark.connect.grpc.binding.port=0",
                "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.local.dir=" + scratch,
                "-Dspark.sql.warehouse.dir=" + directory.resolve("warehouse").toUri(),
                // Few tasks per shuffle: two local cores serve small data best with few.
                "-Dspark.sql.shuffle.partitions=4",
                "-cp", classpath, MAIN_CLASS));
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return arguments;
    }

    /**
     * The JVM options Spark's own launcher gives every Spark JVM (opened JDK modules and the like),
     * asked of the launcher in the server's classpath, so that they follow the Spark version.
     */
    private static List<String> moduleOptions(String classpath) {
        URL launcherJar = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("spark-launcher_"))
                .findFirst().map(SparkConnectServer::url)
                .orElseThrow(() -> new IllegalStateException("no spark-launcher jar in the Spark Connect classpath"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {launcherJar}, null)) {
            return List.of((String[]) loader.loadClass(MODULE_OPTIONS_CLASS).getMethod("defaultModuleOptionArray")
                    .invoke(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException invocation ? invocation.getCause() : e;
            throw new IllegalStateException("could not read Spark's JavaModuleOptions", cause);
        }
    }

    private static URL url(String path) {
        try {
            return Path.of(path).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
