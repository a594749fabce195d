package io.tollgate.router;

import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.files.Directories;
import io.tollgate.testkit.image.ContainedProcess;
import io.tollgate.testkit.image.OciImage;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image smoke test (Maven profile {@code image-smoke}, not part of the default build): the
 * image Jib built from a local base boots from its own entrypoint, user, working directory and
 * flags, on a read-only root, until its readiness answers; then SIGTERM stops it cleanly. Named
 * *Check so that neither Surefire nor Failsafe runs it by default.
 */
class ImageSmokeCheck {
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final PostgresDatabase DB = PostgresDatabase.create();

    @Test
    void theImageBootsReadOnlyAsItsNonRootUserUntilReady() throws Exception {
        Path tarball = Path.of(System.getProperty("image.tarball", "target/jib-image.tar"));
        Path work = Directories.createTemporary("image-smoke");
        try {
            OciImage image = OciImage.unpack(tarball, work.resolve("image"));
            assertEquals("10001:10001", image.user(), "the image runs as deploy/'s non-root uid and gid");
            assertTrue(image.entrypoint().contains("--add-opens=java.base/java.nio=ALL-UNNAMED")
                    && image.entrypoint().contains("-Dio.netty.noUnsafe=false"), "the JVM flags: " + image.entrypoint());

            // /tmp of the container: certificates in, the ports report out, readable by its user.
            Path tmp = Files.createDirectories(work.resolve("tmp"));
            InternalCertificates certificates = InternalCertificates.create(tmp.resolve("internal-tls"));
            Map<String, String> env = new LinkedHashMap<>();
            certificates.environment("router-service").forEach((key, hostPath) ->
                    env.put(key, "/tmp/" + tmp.relativize(Path.of(hostPath))));
            openToEveryone(tmp);
            env.put("DATASOURCES_DEFAULT_URL", DB.jdbcUrl());
            env.put("DATASOURCES_DEFAULT_USERNAME", DB.username());
            env.put("DATASOURCES_DEFAULT_PASSWORD", DB.password());
            env.put("MICRONAUT_SERVER_PORT", "-1");
            env.put("GRPC_SERVER_PORT", "0");
            env.put("TOLLGATE_REPORT_PORTS_TO", "/tmp/ports.properties");

            try (ContainedProcess service = ContainedProcess.start(image, tmp, env, work.resolve("service.log"))) {
                Path ports = tmp.resolve("ports.properties");
                // Each server adds its port to the report as it starts listening.
                Await.until(() -> !service.isAlive() || Files.exists(ports) && read(ports).containsKey("http"),
                        READY_WITHIN, () -> "router-service reported its HTTP port\n" + service.tail());
                assertTrue(service.isAlive(), "router-service is running\n" + service.tail());
                URI readiness = URI.create("http://localhost:" + read(ports).getProperty("http") + "/health/readiness");
                Await.until(() -> status(readiness) == 200, READY_WITHIN,
                        () -> "router-service's readiness answers 200\n" + service.tail());

                assertTrue(service.status("Uid").startsWith("10001\t10001"), "runs as uid 10001: " + service.status("Uid"));
                assertTrue(service.status("Gid").startsWith("10001\t10001"), "runs as gid 10001: " + service.status("Gid"));
                assertTrue(service.rootMountOptions().startsWith("ro"), "a read-only root: " + service.rootMountOptions());

                service.terminate();
                assertEquals(0, service.awaitExit(Duration.ofSeconds(60)), "drains and exits 0 on SIGTERM\n" + service.tail());
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    private static void openToEveryone(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxrwxrwx" : "rw-r--r--"));
            }
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
