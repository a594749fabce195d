package io.tollgate.router;

import io.grpc.ManagedChannel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.support.TestPropertyProvider;
import io.tollgate.testkit.service.ServiceReplica;
import jakarta.inject.Inject;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as it runs: its own fresh database, a bootstrap file, servers on ports the kernel
 * chose with mutual TLS, and a real client channel (as flight-service, the consumer shown
 * everything). Subclasses say which tenants the bootstrap file holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RouterServiceTest implements TestPropertyProvider {
    protected final PostgresDatabase db = PostgresDatabase.create();
    protected Path bootstrapFile;
    @Inject
    ApplicationContext application;
    private ManagedChannel channel;

    /** The bootstrap file's content. */
    protected abstract String bootstrapJson();

    /** Settings on top of the common ones. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        bootstrapFile = BootstrapFiles.write(bootstrapJson());
        Map<String, String> properties = new HashMap<>(db.datasourceProperties());
        properties.putAll(ServiceReplica.anyPorts());
        properties.put("tollgate.router.bootstrap-file", bootstrapFile.toString());
        InternalCertificates.shared().properties("router-service").forEach((k, v) -> properties.put(k, v.toString()));
        properties.putAll(extraProperties());
        return properties;
    }

    protected ManagedChannel channel() {
        if (channel == null) {
            channel = InternalCertificates.shared().channel(grpcPort(), "flight-service", "router-service");
        }
        return channel;
    }

    /** The service's gRPC port, for channels as other callers. */
    protected int grpcPort() {
        return ServiceReplica.grpcPort(application);
    }

    @AfterAll
    void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (bootstrapFile != null) {
            try {
                Files.deleteIfExists(bootstrapFile);
            } catch (IOException ignored) {
                // A temp file left behind is harmless.
            }
        }
    }
}
