package io.tollgate.router.api.grpc;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;
import io.tollgate.testkit.tls.TestPki;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fail closed: router-service does not serve the registry without working mutual TLS. */
class InternalTlsRequiredTest {
    static final PostgresDatabase DB = PostgresDatabase.create();

    @Test
    void withoutInternalTlsSettingsTheServiceDoesNotStart() {
        Exception e = assertThrows(Exception.class, () -> start(Map.of()));

        String messages = causes(e);
        assertTrue(messages.contains("tollgate.internal-tls.certificate is not set"), messages);
    }

    @Test
    void aKeyThatIsNotTheCertificatesStopsStartUpNamingTheSetting() {
        Map<String, Object> tls = new HashMap<>(InternalCertificates.shared().properties("router-service"));
        TestPki.Issued other = InternalCertificates.shared().certificate("flight-service");
        tls.put("tollgate.internal-tls.private-key", other.keyFile().toString());

        Exception e = assertThrows(Exception.class, () -> start(tls));

        String messages = causes(e);
        assertTrue(messages.contains("tollgate.internal-tls.private-key: " + other.keyFile()
                + " is not the private key of the first certificate in tollgate.internal-tls.certificate"), messages);
    }

    private static void start(Map<String, Object> tls) {
        Map<String, Object> properties = new HashMap<>(DB.datasourceProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("grpc.server.port", 0);
        properties.putAll(tls);
        ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext().close();
    }

    private static String causes(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
