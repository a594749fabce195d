package io.tollgate.auth.service.extauthz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.http.ext_authz.v3.ExtAuthz;
import io.envoyproxy.envoy.extensions.filters.http.ext_authz.v3.ExtAuthzPerRoute;
import io.envoyproxy.envoy.extensions.filters.http.header_mutation.v3.HeaderMutation;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.tollgate.auth.config.ExtAuthzConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/examples/envoy/envoy.yaml is a valid Envoy v3 bootstrap (parsed strictly into Envoy's own
 * API types, every typed_config included) and wires ext_authz the way this service needs it:
 * gRPC to auth-service:50051 with Envoy's own certificate (mutual TLS), fail closed, checking every
 * route, and stripping the client's copies of the identity headers.
 */
class EnvoyExampleConfigTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "envoy", "envoy.yaml");
    private static final TypeRegistry TYPES = TypeRegistry.newBuilder()
            .add(List.of(HttpConnectionManager.getDescriptor(), ExtAuthz.getDescriptor(),
                    ExtAuthzPerRoute.getDescriptor(), HeaderMutation.getDescriptor(), Router.getDescriptor(),
                    HttpProtocolOptions.getDescriptor(), UpstreamTlsContext.getDescriptor()))
            .build();

    @Test
    void theExampleIsAValidEnvoyConfigurationThatFailsClosedOnEveryRoute() throws Exception {
        Bootstrap bootstrap = parse(Files.readString(EXAMPLE));

        HttpConnectionManager manager = bootstrap.getStaticResources().getListeners(0).getFilterChains(0)
                .getFilters(0).getTypedConfig().unpack(HttpConnectionManager.class);
        List<String> filters = manager.getHttpFiltersList().stream().map(HttpFilter::getName).toList();
        assertEquals(List.of("envoy.filters.http.header_mutation", "envoy.filters.http.ext_authz",
                "envoy.filters.http.router"), filters);

        ExtAuthz extAuthz = manager.getHttpFilters(1).getTypedConfig().unpack(ExtAuthz.class);
        assertFalse(extAuthz.getFailureModeAllow());
        assertEquals("auth_service", extAuthz.getGrpcService().getEnvoyGrpc().getClusterName());
        Cluster auth = bootstrap.getStaticResources().getClustersList().stream()
                .filter(c -> c.getName().equals("auth_service")).findFirst().orElseThrow();
        assertEquals(50051, auth.getLoadAssignment().getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress()
                .getSocketAddress().getPortValue());
        assertTrue(auth.getTypedExtensionProtocolOptionsMap().get("envoy.extensions.upstreams.http.v3.HttpProtocolOptions")
                .unpack(HttpProtocolOptions.class).getExplicitHttpConfig().hasHttp2ProtocolOptions(), "gRPC needs h2");
        UpstreamTlsContext tls = auth.getTransportSocket().getTypedConfig().unpack(UpstreamTlsContext.class);
        assertEquals("auth-service", tls.getSni(), "auth-service's certificate names it");
        assertEquals(1, tls.getCommonTlsContext().getTlsCertificatesCount(), "Envoy presents its own certificate");
        assertTrue(tls.getCommonTlsContext().getValidationContext().hasTrustedCa(), "only the internal CA is trusted");

        for (Route route : manager.getRouteConfig().getVirtualHosts(0).getRoutesList()) {
            Any perRoute = route.getTypedPerFilterConfigMap().get("envoy.filters.http.ext_authz");
            assertTrue(perRoute == null || !perRoute.unpack(ExtAuthzPerRoute.class).getDisabled(),
                    "ext_authz is disabled on " + route.getMatch());
        }

        HeaderMutation strip = manager.getHttpFilters(0).getTypedConfig().unpack(HeaderMutation.class);
        List<String> removed = strip.getMutations().getRequestMutationsList().stream()
                .map(m -> m.getRemove()).toList();
        assertTrue(removed.containsAll(ExtAuthzConfig.DEFAULT_HEADERS.keySet()), removed.toString());
    }

    // YAML to JSON (snakeyaml and protobuf's JsonFormat are runtime dependencies, hence reflection),
    // then JSON strictly into Envoy's Bootstrap: an unknown field or type fails.
    private static Bootstrap parse(String yaml) throws Exception {
        Object yamlParser = Class.forName("org.yaml.snakeyaml.Yaml").getConstructor().newInstance();
        Map<?, ?> tree = (Map<?, ?>) yamlParser.getClass().getMethod("load", String.class).invoke(yamlParser, yaml);
        String json = new ObjectMapper().writeValueAsString(tree);
        Class<?> jsonFormat = Class.forName("com.google.protobuf.util.JsonFormat");
        Object parser = jsonFormat.getMethod("parser").invoke(null);
        parser = parser.getClass().getMethod("usingTypeRegistry", TypeRegistry.class).invoke(parser, TYPES);
        Bootstrap.Builder builder = Bootstrap.newBuilder();
        try {
            parser.getClass().getMethod("merge", String.class, Message.Builder.class).invoke(parser, json, builder);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof InvalidProtocolBufferException invalid) {
                throw invalid;
            }
            throw e;
        }
        return builder.build();
    }
}
