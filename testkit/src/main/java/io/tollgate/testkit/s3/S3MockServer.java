package io.tollgate.testkit.s3;

import io.tollgate.testkit.files.Directories;
import io.tollgate.testkit.jvm.ServerJvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private final ServerJvm server;

    private S3MockServer(ServerJvm server) {
        this.server = server;
    }

    /** Starts S3Mock with these buckets and waits until it serves. */
    public static S3MockServer start(String... buckets) {
        Path directory = Directories.createTemporary("s3mock");
        List<String> arguments = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", ServerJvm.classpath(CLASSPATH_RESOURCE, "tollgate-s3mock-classpath"), MAIN_CLASS,
                // Both connectors on ports the kernel chooses: the log names them.
                "--http.port=0", "--server.port=0");
        Map<String, String> environment = Map.of(
                "COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", String.join(",", buckets),
                "COM_ADOBE_TESTING_S3MOCK_STORE_ROOT", directory.resolve("store").toString());
        return new S3MockServer(ServerJvm.start(new ServerJvm.Launch("S3Mock", arguments, environment, directory,
                true, HTTP_PORT, START_TIMEOUT)));
    }

    /** The endpoint URL, e.g. {@code http://localhost:41234}, for path-style requests. */
    public String endpoint() {
        return "http://localhost:" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** Whether its process still runs (false once closed). */
    public boolean running() {
        return server.running();
    }

    @Override
    public void close() {
        server.close();
    }
}
