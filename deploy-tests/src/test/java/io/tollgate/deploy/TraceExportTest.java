package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Trace export is named in one place: prod's TraceCollector (deploy/overlays/prod/trace-collector.yaml)
 * gives every service its OTLP endpoint and the one egress rule that reaches the collector
 * (deploy/components/tracing); renders without the component send spans nowhere and open nothing.
 */
class TraceExportTest {

    private static final List<String> SERVICES =
            List.of("auth-service", "router-service", "flight-service", "catalog-service", "connect-service");

    @Test
    void prodSendsEveryServicesSpansToTheCollectorItsOverlayNamesAndLetsThemThrough() throws IOException {
        Map<String, Object> collector = Tree.map(Kustomize.parse(Files.readString(
                Kustomize.deployRoot().resolve("overlays/prod/trace-collector.yaml"))).get(0).body(), "spec");
        URI endpoint = URI.create(Tree.string(collector, "endpoint"));
        assertEquals(Tree.string(collector, "namespace"), TraceExportRules.namespaceOf(endpoint.getHost()),
                "the endpoint's host is in the collector's namespace");
        assertEquals(collector.get("port"), endpoint.getPort(), "the endpoint's port is the collector's port");

        List<K8sObject> objects = Renders.PROD.objects();
        for (String service : SERVICES) {
            assertEquals(endpoint.toString(), Tree.string(Mutation.body(objects, "ConfigMap", service), "data",
                    TraceExportRules.ENDPOINT), service + "'s endpoint");
        }
        Map<String, Object> rule = Tree.map(Tree.list(Mutation.body(objects, "NetworkPolicy", "allow-trace-export"),
                "spec", "egress").get(0));
        Map<String, Object> peer = Tree.map(Tree.list(rule, "to").get(0));
        assertEquals(Map.of("kubernetes.io/metadata.name", collector.get("namespace")),
                Tree.map(peer, "namespaceSelector", "matchLabels"));
        assertEquals(collector.get("podLabels"), Tree.map(peer, "podSelector", "matchLabels"));
        assertEquals(List.of(Map.of("protocol", "TCP", "port", collector.get("port"))), Tree.list(rule, "ports"));
        assertTrue(objects.stream().noneMatch(object -> object.kind().equals("TraceCollector")),
                "the TraceCollector is kustomize's local configuration, never applied");
    }

    @ParameterizedTest
    @EnumSource(value = Renders.class, names = {"BASE", "DEV"})
    void withoutTheTracingComponentSpansGoNowhereAndNoEgressIsAdded(Renders render) {
        List<K8sObject> objects = render.objects();
        for (K8sObject deployment : objects.stream().filter(K8sObject::isWorkload).toList()) {
            assertEquals(null, PodRules.configMapData(deployment, objects).get(TraceExportRules.ENDPOINT),
                    deployment.id());
        }
        assertTrue(objects.stream().noneMatch(object -> object.name().equals("allow-trace-export")));
    }
}
