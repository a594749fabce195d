package io.tollgate.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what: RBAC scope (get on named objects, in a Role), no Secret with data in the repo,
 * the network: default deny in and out (prod), and no allow rule without ports; and database logins
 * whose passwords come from Secrets.
 */
final class AccessRules {

    private static final Set<String> CLUSTER_WIDE = Set.of("ClusterRole", "ClusterRoleBinding");
    /** The services' metrics port (deploy/components/monitoring), whose series name tenants. */
    private static final String METRICS_PORT = "9090";
    private static final String MONITORING_LABEL = "tollgate.io/monitoring";
    /** The label of the tenants' Spark Connect servers, which only connect-service may call. */
    private static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    private static final String SPARK_BACKEND = "spark-connect";
    private static final Map<String, Object> GATEWAY = Map.of("app.kubernetes.io/name", "connect-service");

    private AccessRules() {
    }

    static List<Finding> check(List<K8sObject> objects, Profile profile) {
        List<Finding> findings = new ArrayList<>();
        for (K8sObject object : objects) {
            if (CLUSTER_WIDE.contains(object.kind())) {
                findings.add(new Finding("rbac", object.id(), "cluster-wide RBAC: use a Role"));
            }
            if (object.kind().equals("Role")) {
                checkRole(object, findings);
            }
            if (object.kind().equals("Secret")
                    && (!Tree.map(object.body(), "data").isEmpty() || !Tree.map(object.body(), "stringData").isEmpty())) {
                findings.add(new Finding("secret-data", object.id(), "a Secret with values is committed"));
            }
            if (object.kind().equals("NetworkPolicy")) {
                checkRulesHavePorts(object, findings);
                checkMetricsOnlyFromMonitoring(object, findings);
                checkSparkBackendsOnlyFromGateway(object, findings);
            }
            if (object.kind().equals("Cluster")) {
                checkDatabaseRoles(object, findings);
            }
        }
        if (profile == Profile.PROD && objects.stream().noneMatch(AccessRules::isDefaultDeny)) {
            findings.add(new Finding("network-default-deny", "NetworkPolicy/*",
                    "no policy denies all ingress and egress of every pod"));
        }
        return findings;
    }

    private static void checkRole(K8sObject role, List<Finding> findings) {
        for (Object rule : Tree.list(role.body(), "rules")) {
            List<Object> verbs = Tree.list(rule, "verbs");
            if (!List.of("get").equals(verbs)) {
                findings.add(new Finding("rbac", role.id(), "verbs " + verbs + ": only get"));
            }
            for (String field : List.of("apiGroups", "resources", "resourceNames")) {
                if (Tree.list(rule, field).contains("*")) {
                    findings.add(new Finding("rbac", role.id(), field + " has a wildcard"));
                }
            }
            if (Tree.list(rule, "resourceNames").isEmpty()) {
                findings.add(new Finding("rbac", role.id(), "rule on " + Tree.list(rule, "resources")
                        + " without resourceNames"));
            }
        }
    }

    /** CloudNativePG: the services' logins are managed roles whose passwords come from Secrets. */
    private static void checkDatabaseRoles(K8sObject cluster, List<Finding> findings) {
        List<Object> roles = Tree.list(cluster.body(), "spec", "managed", "roles");
        if (roles.isEmpty()) {
            findings.add(new Finding("database-roles", cluster.id(), "no managed.roles"));
        }
        for (Object role : roles) {
            if (Boolean.TRUE.equals(Tree.at(role, "login")) && !Tree.has(role, "passwordSecret", "name")) {
                findings.add(new Finding("database-roles", cluster.id(),
                        "login " + Tree.string(role, "name") + " without a password from a Secret"));
            }
        }
    }

    private static boolean isDefaultDeny(K8sObject object) {
        Map<String, Object> spec = Tree.map(object.body(), "spec");
        return object.kind().equals("NetworkPolicy")
                && Tree.map(spec, "podSelector").isEmpty()
                && Tree.list(spec, "policyTypes").containsAll(List.of("Ingress", "Egress"))
                && Tree.list(spec, "ingress").isEmpty() && Tree.list(spec, "egress").isEmpty();
    }

    private static void checkRulesHavePorts(K8sObject policy, List<Finding> findings) {
        for (String direction : List.of("ingress", "egress")) {
            for (Object rule : Tree.list(policy.body(), "spec", direction)) {
                if (Tree.list(rule, "ports").isEmpty()) {
                    findings.add(new Finding("network-rule-ports", policy.id(), direction + " rule allows every port"));
                }
            }
        }
    }

    /**
     * A policy that can select the tenants' Spark Connect servers (no pod selector, or theirs) lets
     * only connect-service's pods of this namespace in: anyone else reaching a Spark server would
     * skip the token check and the rewrite of the user each request claims (docs/security.md).
     */
    private static void checkSparkBackendsOnlyFromGateway(K8sObject policy, List<Finding> findings) {
        Map<String, Object> selector = Tree.map(policy.body(), "spec", "podSelector");
        Map<String, Object> labels = Tree.map(selector, "matchLabels");
        boolean selectsBackends = selector.isEmpty() || SPARK_BACKEND.equals(labels.get(COMPONENT_LABEL));
        if (!selectsBackends) {
            return;
        }
        for (Object rule : Tree.list(policy.body(), "spec", "ingress")) {
            List<Object> peers = Tree.list(rule, "from");
            boolean onlyGateway = !peers.isEmpty() && peers.stream().allMatch(peer -> Tree.map(peer).keySet()
                    .equals(Set.of("podSelector")) && GATEWAY.equals(Tree.map(peer, "podSelector", "matchLabels"))
                    && Tree.map(peer, "podSelector").keySet().equals(Set.of("matchLabels")));
            if (!onlyGateway) {
                findings.add(new Finding("network-spark-backends", policy.id(),
                        "the Spark Connect backends are open to more than connect-service"));
            }
        }
    }

    /** The metrics port may be opened to the monitoring namespace only (docs/security.md#metrics). */
    private static void checkMetricsOnlyFromMonitoring(K8sObject policy, List<Finding> findings) {
        for (Object rule : Tree.list(policy.body(), "spec", "ingress")) {
            boolean opensMetrics = Tree.list(rule, "ports").stream()
                    .anyMatch(port -> METRICS_PORT.equals(String.valueOf(Tree.at(port, "port")))
                            || "metrics".equals(String.valueOf(Tree.at(port, "port"))));
            List<Object> peers = Tree.list(rule, "from");
            boolean onlyMonitoring = !peers.isEmpty() && peers.stream().allMatch(peer -> !Tree.has(peer, "ipBlock")
                    && "true".equals(String.valueOf(Tree.at(peer, "namespaceSelector", "matchLabels", MONITORING_LABEL))));
            if (opensMetrics && !onlyMonitoring) {
                findings.add(new Finding("network-metrics", policy.id(),
                        "the metrics port is open to more than the monitoring namespace"));
            }
        }
    }
}
