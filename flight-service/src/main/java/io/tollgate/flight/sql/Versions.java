package io.tollgate.flight.sql;

import org.apache.arrow.flight.sql.FlightSqlProducer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions the service reports: its own (from the build) and Arrow's (from Arrow's jar). */
final class Versions {
    static final String TOLLGATE = tollgate();
    static final String ARROW = arrow();

    private Versions() {
    }

    private static String tollgate() {
        try (InputStream in = Versions.class.getResourceAsStream("/io/tollgate/flight/build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String arrow() {
        String version = FlightSqlProducer.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
