package io.tollgate.rck;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testkit.json.JsonBody;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Asks the running catalog which {@link KitFeature}s it does not serve, as a client finds out: an
 * endpoint is served when {@code GET /v1/config} lists it; a feature carried by an endpoint that is
 * listed (staged create, purge) is not served when asking for it in a namespace that does not
 * exist is refused as not supported (400; a catalog that serves it answers 404 there).
 */
final class KitFeatureProbe {
    private static final String ABSENT_NAMESPACE = "rck_probe_absent";
    private static final String CREATE_VIEW = "POST /v1/{prefix}/namespaces/{namespace}/views";
    private static final String REGISTER_TABLE = "POST /v1/{prefix}/namespaces/{namespace}/register";
    /** A valid staged create (the schema written by Iceberg's own parser), so that only the feature can be refused. */
    private static final String STAGED_CREATE_REQUEST = """
            {"name": "probe", "stage-create": true, "schema": %s}""".formatted(SchemaParser.toJson(
            new Schema(Types.NestedField.required(1, "id", Types.LongType.get()))));

    private final String catalogUri;
    private final String bearer;

    KitFeatureProbe(String catalogUri, String accessToken) {
        this.catalogUri = catalogUri;
        this.bearer = "Bearer " + accessToken;
    }

    Set<KitFeature> notServed(String warehouse) throws IOException, InterruptedException {
        JsonBody config = KitHttp.expect(request("/v1/config?warehouse="
                + URLEncoder.encode(warehouse, StandardCharsets.UTF_8)).GET(), 200);
        Set<String> endpoints = new HashSet<>();
        for (JsonNode endpoint : config.at("/endpoints")) {
            endpoints.add(endpoint.asText());
        }
        String tables = "/v1/" + URLEncoder.encode(config.text("/overrides/prefix"), StandardCharsets.UTF_8)
                + "/namespaces/" + ABSENT_NAMESPACE + "/tables";
        Set<KitFeature> notServed = EnumSet.noneOf(KitFeature.class);
        if (!endpoints.contains(CREATE_VIEW)) {
            notServed.add(KitFeature.VIEWS);
        }
        if (!endpoints.contains(REGISTER_TABLE)) {
            notServed.add(KitFeature.REGISTER_TABLE);
        }
        if (refusedAsNotSupported(request(tables).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(STAGED_CREATE_REQUEST)))) {
            notServed.add(KitFeature.STAGED_CREATE);
        }
        if (refusedAsNotSupported(request(tables + "/probe?purgeRequested=true").DELETE())) {
            notServed.add(KitFeature.PURGE);
        }
        return notServed;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(catalogUri + path)).header("Authorization", bearer);
    }

    /**
     * Whether the catalog refused the request as one it does not support: a 400 saying so. Any
     * other answer (a bug's 400 or 500 included) lets the feature's tests run and show it.
     */
    private static boolean refusedAsNotSupported(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = KitHttp.send(request);
        return response.statusCode() == 400
                && JsonBody.parse(response.body()).text("/error/message").contains("not supported");
    }
}
