package io.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The calls the catalog benchmark makes to one Iceberg REST catalog, as plain HTTP/1.1 (so that
 * the client's own work is the same, and small, for both catalogs): the prefix comes from
 * {@code GET /v1/config}, as Iceberg's clients take it.
 */
final class CatalogClients {
    static final String NAMESPACE = "bench";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type": "struct", "schema-id": 0, "fields": [
              {"id": 1, "name": "id", "type": "long", "required": true},
              {"id": 2, "name": "region", "type": "string", "required": false},
              {"id": 3, "name": "at", "type": "timestamptz", "required": false}]}""";

    private final String name;
    private final String base;
    private final String authorization;
    /** The config route, relative to {@link #base}: the unprefixed one, naming the warehouse if any. */
    private final String configPath;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private CatalogClients(String name, String base, String authorization, String configPath) {
        this.name = name;
        this.base = base;
        this.authorization = authorization;
        this.configPath = configPath;
    }

    /** A catalog at {@code uri}; {@code warehouse} and {@code token} may be null (the reference needs neither). */
    static CatalogClients open(String name, String uri, String warehouse, String token) throws Exception {
        String configPath = "config" + (warehouse == null ? ""
                : "?warehouse=" + URLEncoder.encode(warehouse, StandardCharsets.UTF_8));
        CatalogClients unprefixed = new CatalogClients(name, uri + "/v1/", token == null ? null : "Bearer " + token,
                configPath);
        JsonNode prefix = JSON.readTree(unprefixed.config()).path("overrides").path("prefix");
        return prefix.isMissingNode() ? unprefixed
                : new CatalogClients(name, uri + "/v1/" + prefix.asText() + "/", unprefixed.authorization,
                "../" + configPath);
    }

    String name() {
        return name;
    }

    /** The benchmark's namespace and {@code count} tables in it, {@code t_0} to {@code t_<count-1>}. */
    void createTables(int count) throws Exception {
        send("POST", "namespaces", "{\"namespace\": [\"" + NAMESPACE + "\"]}", 200);
        for (int i = 0; i < count; i++) {
            send("POST", "namespaces/" + NAMESPACE + "/tables",
                    "{\"name\": \"t_" + i + "\", \"schema\": " + SCHEMA + "}", 200);
        }
    }

    /** GET a table: its metadata, as a client loading it before a scan receives it. */
    String loadTable(int table) throws Exception {
        return send("GET", tablePath(table), null, 200);
    }

    /**
     * The catalog's config: the least a request can do (no database, no file) behind each server's
     * HTTP stack, and for catalog-service its token check, tenant gate and filters: the floor under
     * every other operation.
     */
    String config() throws Exception {
        return send("GET", configPath, null, 200);
    }

    void listTables() throws Exception {
        send("GET", "namespaces/" + NAMESPACE + "/tables", null, 200);
    }

    /**
     * A commit round: load the table, then commit a property change (the catalog writes a new
     * metadata file and swaps the table's pointer) with the table's UUID as its requirement.
     */
    void commitRound(int table, long round) throws Exception {
        String uuid = JSON.readTree(loadTable(table)).path("metadata").path("table-uuid").asText();
        send("POST", tablePath(table), """
                {"requirements": [{"type": "assert-table-uuid", "uuid": "%s"}],
                 "updates": [{"action": "set-properties", "updates": {"bench.round": "%d"}}]}"""
                .formatted(uuid, round), 200);
    }

    private static String tablePath(int table) {
        return "namespaces/" + NAMESPACE + "/tables/t_" + table;
    }

    private String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path).normalize())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(name + " answered " + method + " " + path + " with "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
