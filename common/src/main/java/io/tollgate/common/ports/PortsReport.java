package io.tollgate.common.ports;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The file named by {@value #PROPERTY}: one {@code name=port} line per server that has bound
 * (e.g. {@code http}, {@code grpc}, {@code flight}). Rewritten whole and moved into place
 * atomically each time a server reports, so a reader never sees half a file and a port appears
 * only once its server listens.
 */
@Singleton
@Requires(property = PortsReport.PROPERTY)
public class PortsReport {
    /** The setting (environment: {@code TOLLGATE_REPORT_PORTS_TO}) that turns reporting on. */
    public static final String PROPERTY = "tollgate.report-ports-to";

    private final Path file;
    private final TreeMap<String, Integer> ports = new TreeMap<>();

    public PortsReport(@Value("${" + PROPERTY + "}") String file) {
        this.file = Path.of(file);
    }

    /** Records that the server called {@code name} listens on {@code port}. */
    public synchronized void put(String name, int port) {
        ports.put(name, port);
        Properties properties = new Properties();
        ports.forEach((key, value) -> properties.setProperty(key, Integer.toString(value)));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot report the bound ports to " + file, e);
        }
    }
}
