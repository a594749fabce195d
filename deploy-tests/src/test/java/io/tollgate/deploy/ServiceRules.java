package io.tollgate.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rules for Services: each selects the pods of a workload in the render, each port is named and
 * its targetPort is one those pods declare, and a gRPC port (named {@code grpc} or {@code grpc-*})
 * says {@code appProtocol: kubernetes.io/h2c} exactly when it is plaintext: the internal gRPC ports
 * serve mutual TLS unless it is turned off, the Flight and Spark Connect ports serve TLS once given a
 * certificate.
 */
final class ServiceRules {

    static final String H2C = "kubernetes.io/h2c";
    /** A public gRPC port -> the variable that gives it a certificate (else it is plaintext). */
    private static final Map<String, String> PUBLIC_TLS = Map.of(
            "grpc-flight", "TOLLGATE_FLIGHT_TLS_CERT_CHAIN", "grpc-spark", "TOLLGATE_CONNECT_TLS_CERT_CHAIN");

    private ServiceRules() {
    }

    static List<Finding> check(List<K8sObject> objects) {
        List<Finding> findings = new ArrayList<>();
        for (K8sObject service : objects) {
            if (service.kind().equals("Service")) {
                check(service, objects, findings);
            }
        }
        return findings;
    }

    private static void check(K8sObject service, List<K8sObject> objects, List<Finding> findings) {
        Map<String, Object> selector = Tree.map(service.body(), "spec", "selector");
        List<K8sObject> selected = objects.stream()
                .filter(K8sObject::isWorkload)
                .filter(workload -> !selector.isEmpty()
                        && Tree.map(workload.podTemplate(), "metadata", "labels").entrySet()
                                .containsAll(selector.entrySet()))
                .toList();
        if (selected.isEmpty()) {
            findings.add(new Finding("service-selects-pod", service.id(), "selects no pod template: " + selector));
            return;
        }
        for (Object port : Tree.list(service.body(), "spec", "ports")) {
            String name = Tree.string(port, "name");
            Object target = Tree.at(port, "targetPort");
            Object targetPort = target == null ? Tree.at(port, "port") : target;
            if (name == null) {
                findings.add(new Finding("service-ports", service.id(), "port " + Tree.at(port, "port") + " has no name"));
            }
            for (K8sObject workload : selected) {
                for (Map<String, Object> container : PodRules.containers(workload)) {
                    if (PodRules.declaresPort(container, targetPort)) {
                        checkAppProtocol(service, name, Tree.string(port, "appProtocol"), container, findings);
                    }
                }
                boolean declared = PodRules.containers(workload).stream()
                        .anyMatch(container -> PodRules.declaresPort(container, targetPort));
                if (!declared) {
                    findings.add(new Finding("service-ports", service.id(),
                            "targetPort " + targetPort + " is not a port of " + workload.id()));
                }
            }
        }
    }

    private static void checkAppProtocol(K8sObject service, String name, String appProtocol,
            Map<String, Object> container, List<Finding> findings) {
        if (name == null || !(name.equals("grpc") || name.startsWith("grpc-"))) {
            return;
        }
        boolean plaintext = name.equals("grpc")
                ? "false".equals(PodRules.envValue(container, "TOLLGATE_INTERNAL_TLS_ENABLED"))
                : PodRules.envValue(container, PUBLIC_TLS.getOrDefault(name, "TOLLGATE_FLIGHT_TLS_CERT_CHAIN")) == null;
        if (plaintext != H2C.equals(appProtocol)) {
            findings.add(new Finding("service-ports", service.id(), "gRPC port " + name
                    + (plaintext ? " is plaintext but does not say appProtocol " + H2C
                            : " serves TLS but says appProtocol " + appProtocol)));
        }
    }
}
