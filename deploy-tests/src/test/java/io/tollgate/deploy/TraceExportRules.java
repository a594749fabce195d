package io.tollgate.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service told to export spans ({@code TOLLGATE_TRACING_OTLP_ENDPOINT}) can reach the collector:
 * where network policies restrict the pod's egress, one of them lets it out on the endpoint's port,
 * to the endpoint's namespace when its host names one ({@code <service>.<namespace>[.svc...]}).
 * Otherwise the exporter's connections are dropped and every span with them, silently.
 */
final class TraceExportRules {

    static final String ENDPOINT = "TOLLGATE_TRACING_OTLP_ENDPOINT";
    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private TraceExportRules() {
    }

    static List<Finding> check(List<K8sObject> objects) {
        List<Finding> findings = new ArrayList<>();
        List<K8sObject> egressPolicies = objects.stream()
                .filter(object -> object.kind().equals("NetworkPolicy"))
                .filter(policy -> Tree.list(policy.body(), "spec", "policyTypes").contains("Egress"))
                .toList();
        for (K8sObject workload : objects) {
            if (!workload.isWorkload()) {
                continue;
            }
            String endpoint = endpointOf(workload, objects);
            Map<String, Object> labels = Tree.map(workload.podTemplate(), "metadata", "labels");
            List<K8sObject> restricting = egressPolicies.stream()
                    .filter(policy -> Selectors.matches(Tree.map(policy.body(), "spec", "podSelector"), labels))
                    .toList();
            if (endpoint == null || restricting.isEmpty()) {
                continue;
            }
            URI uri = URI.create(endpoint);
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            String namespace = namespaceOf(uri.getHost());
            boolean allowed = restricting.stream()
                    .flatMap(policy -> Tree.list(policy.body(), "spec", "egress").stream())
                    .anyMatch(rule -> opensPort(rule, port) && reachesNamespace(rule, namespace));
            if (!allowed) {
                findings.add(new Finding("trace-export", workload.id(), "no egress rule lets it reach " + uri.getHost()
                        + ":" + port + (namespace == null ? "" : " in namespace " + namespace)));
            }
        }
        return findings;
    }

    private static String endpointOf(K8sObject workload, List<K8sObject> objects) {
        String direct = PodRules.containers(workload).stream().map(container -> PodRules.envValue(container, ENDPOINT))
                .filter(Objects::nonNull).findFirst().orElse(null);
        return direct != null ? direct : PodRules.configMapData(workload, objects).get(ENDPOINT);
    }

    /** {@code collector.observability.svc} and {@code collector.observability} name a namespace; one label does not. */
    static String namespaceOf(String host) {
        String[] labels = host.split("\\.");
        boolean inCluster = labels.length == 2 || labels.length >= 3 && labels[2].equals("svc");
        return inCluster ? labels[1] : null;
    }

    private static boolean opensPort(Object rule, int port) {
        return Tree.list(rule, "ports").stream().anyMatch(p -> String.valueOf(port).equals(Tree.string(p, "port")));
    }

    /** No peers: anywhere; else a peer in that namespace, named or any; no namespace named: any peer. */
    private static boolean reachesNamespace(Object rule, String namespace) {
        List<Object> peers = Tree.list(rule, "to");
        if (peers.isEmpty() || namespace == null) {
            return true;
        }
        return peers.stream().anyMatch(peer -> Tree.has(peer, "namespaceSelector")
                && (Tree.map(peer, "namespaceSelector").isEmpty()
                        || namespace.equals(Tree.string(peer, "namespaceSelector", "matchLabels", NAMESPACE_NAME))));
    }
}
