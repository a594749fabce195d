package io.tollgate.common.ports;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PortsReportTest {

    @Test
    void eachServerThatReportsIsAddedAndTheFileIsAlwaysWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("auth-service.ports");
        PortsReport report = new PortsReport(file.toString());

        report.put("http", 43001);
        assertEquals(Map.of("http", "43001"), read(file));
        report.put("grpc", 43002);
        assertEquals(Map.of("http", "43001", "grpc", "43002"), read(file));
        assertFalse(Files.exists(dir.resolve("auth-service.ports.tmp")), "written aside, then moved into place");
    }

    private static Map<String, String> read(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> ports = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> ports.put(name, properties.getProperty(name)));
        return ports;
    }
}
