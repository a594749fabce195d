package io.tollgate.rck;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testkit.json.JsonBody;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Asks the running catalog which {@link KitFeature}s it does not serve, as a client finds out: an
 * endpoint is served when {@code GET /v1/config} lists it; a feature carried by an endpoint that is
 * listed (staged create, purge) is not served when asking for it in a namespace that does not
 * exist is refused as a bad request (a catalog that serves it answers 404 there).
 */
final class KitFeatureProbe {
    private static final String ABSENT_NAMESPACE = "rck_probe_absent";
    private static final String CREATE_VIEW = "POST /v1/{prefix}/namespaces/{namespace}/views";
    private static final String REGISTER_TABLE = "POST /v1/{prefix}/namespaces/{namespace}/register";

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
        if (refusedAsBadRequest(request(tables).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "probe", "stage-create": true, "schema": {"type": "struct", "schema-id": 0,
                         "fields": [{"id": 1, "name": "id", "required": true, "type": "long"}]}}""")))) {
            notServed.add(KitFeature.STAGED_CREATE);
        }
        if (refusedAsBadRequest(request(tables + "/probe?purgeRequested=true").DELETE())) {
            notServed.add(KitFeature.PURGE);
        }
        return notServed;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(catalogUri + path)).header("Authorization", bearer);
    }

    private static boolean refusedAsBadRequest(HttpRequest.Builder request) throws IOException, InterruptedException {
        return KitHttp.send(request).statusCode() == 400;
    }
}
