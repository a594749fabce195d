package io.tollgate.flight;

import io.tollgate.flight.statement.QueryService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire ends in the adapter: no compiled class below it refers to a type of Flight's calls
 * (statuses, listeners, call contexts, streams, results). Read from the constant pools of the
 * compiled classes, so a fully qualified name or a type reached only through a method signature
 * counts as much as an import. Nor does any depend on the adapter, the server or the middleware.
 */
class WireBoundaryTest {
    /** The packages that speak Flight: the Flight SQL adapter, the server that hosts it, its middleware. */
    private static final Set<String> WIRE_PACKAGES = Set.of("sql", "server", "auth");
    /** Flight SQL's column metadata keys describe a schema, not a call: Arrow schema vocabulary. */
    private static final String SCHEMA_VOCABULARY = "org/apache/arrow/flight/sql/FlightSqlColumnMetadata";
    private static final Pattern FLIGHT_TYPE = Pattern.compile("org/apache/arrow/flight/[A-Za-z0-9_/$]+");
    private static final Pattern WIRE_PACKAGE_TYPE = Pattern.compile("io/tollgate/flight/(sql|server|auth)/[A-Za-z0-9_$]+");

    @Test
    void noPackageBelowTheAdapterRefersToAFlightCallType() throws Exception {
        Path root = classesRoot();
        Map<String, Set<String>> offenders = new TreeMap<>();
        Set<String> packagesScanned = new TreeSet<>();
        for (Path type : classFiles(root)) {
            String pkg = packageOf(root, type);
            if (WIRE_PACKAGES.contains(pkg)) {
                continue;
            }
            packagesScanned.add(pkg);
            Set<String> flight = references(type, FLIGHT_TYPE);
            flight.removeIf(name -> name.startsWith(SCHEMA_VOCABULARY));
            if (!flight.isEmpty()) {
                offenders.put(root.relativize(type).toString(), flight);
            }
        }
        assertTrue(packagesScanned.containsAll(Set.of("statement", "metadata", "ingest", "transaction", "tenant",
                "types", "copy", "guard", "quota", "config")), "scanned " + packagesScanned);
        assertEquals(Map.of(), offenders);
    }

    @Test
    void noPackageBelowTheAdapterDependsOnTheAdapterItsServerOrItsMiddleware() throws Exception {
        Path root = classesRoot();
        Map<String, Set<String>> offenders = new TreeMap<>();
        for (Path type : classFiles(root)) {
            if (!WIRE_PACKAGES.contains(packageOf(root, type))) {
                Set<String> wire = references(type, WIRE_PACKAGE_TYPE);
                if (!wire.isEmpty()) {
                    offenders.put(root.relativize(type).toString(), wire);
                }
            }
        }
        assertEquals(Map.of(), offenders);
    }

    @Test
    void theScanSeesFlightTypesWhereTheyAre() throws Exception {
        Path root = classesRoot();
        Path adapterSink = root.resolve("io/tollgate/flight/sql/FlightResultSink.class");
        assertTrue(references(adapterSink, FLIGHT_TYPE).contains("org/apache/arrow/flight/FlightProducer$ServerStreamListener"));
        assertTrue(references(adapterSink, WIRE_PACKAGE_TYPE).contains("io/tollgate/flight/sql/FlightResultSink"));
        Path belowWithSchemaVocabulary = root.resolve("io/tollgate/flight/types/PgColumnTypes.class");
        assertFalse(references(belowWithSchemaVocabulary, FLIGHT_TYPE).isEmpty());
    }

    private static Path classesRoot() throws URISyntaxException {
        return Path.of(QueryService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("io/tollgate/flight"))) {
            return new ArrayList<>(files.filter(file -> file.toString().endsWith(".class")).toList());
        }
    }

    /** The package under io.tollgate.flight ("" for the root), by its first segment. */
    private static String packageOf(Path root, Path type) {
        Path relative = root.resolve("io/tollgate/flight").relativize(type);
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    /** Every type name of this pattern in the class's constant pool (its UTF-8 entries are plain ASCII here). */
    private static Set<String> references(Path type, Pattern names) throws IOException {
        String pool = new String(Files.readAllBytes(type), StandardCharsets.ISO_8859_1);
        Set<String> found = new TreeSet<>();
        Matcher matcher = names.matcher(pool);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
