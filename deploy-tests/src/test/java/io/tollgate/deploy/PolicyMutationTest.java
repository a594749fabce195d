package io.tollgate.deploy;

import static io.tollgate.deploy.Mutation.body;
import static io.tollgate.deploy.Mutation.container;
import static io.tollgate.deploy.Mutation.env;
import static io.tollgate.deploy.Mutation.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each known-bad change to a render produces exactly its finding (rule and object), and nothing
 * else: a rule that stopped firing, or one that fires on more than it should, fails here.
 */
class PolicyMutationTest {

    private static final String AUTH = "Deployment/auth-service";
    private static final String FLIGHT = "Deployment/flight-service";

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyMutations")
    void aKnownBadChangeProducesExactlyItsPolicyFinding(Mutation mutation) {
        List<K8sObject> objects = mutation.apply();
        assertEquals(mutation.expected(), ruleAndObject(Policy.check(objects, mutation.render().profile)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaMutations")
    void aKnownBadChangeIsRefusedByTheStrictSchema(Mutation mutation) {
        List<K8sObject> objects = mutation.apply();
        assertEquals(mutation.expected(), ruleAndObject(StrictSchema.check(objects)));
    }

    private static List<String> ruleAndObject(List<Finding> findings) {
        return findings.stream().map(finding -> finding.rule() + " " + finding.object()).toList();
    }

    static Stream<Mutation> policyMutations() {
        Renders prod = Renders.PROD;
        return Stream.of(
                Mutation.of("a pod that may run as root", prod,
                        o -> Tree.map(podSpec(o, "auth-service"), "securityContext").remove("runAsNonRoot"),
                        "pod-security " + AUTH),
                Mutation.of("a pod running as uid 0", prod,
                        o -> Tree.map(podSpec(o, "auth-service"), "securityContext").put("runAsUser", 0),
                        "pod-security " + AUTH),
                Mutation.of("a pod without seccomp", prod,
                        o -> Tree.map(podSpec(o, "auth-service"), "securityContext", "seccompProfile").put("type", "Unconfined"),
                        "pod-security " + AUTH),
                Mutation.of("privilege escalation allowed", prod,
                        o -> Tree.map(container(o, "flight-service"), "securityContext").put("allowPrivilegeEscalation", true),
                        "container-security " + FLIGHT + "/flight-service"),
                Mutation.of("a writable root file system", prod,
                        o -> Tree.map(container(o, "flight-service"), "securityContext").put("readOnlyRootFilesystem", false),
                        "container-security " + FLIGHT + "/flight-service"),
                Mutation.of("a capability added", prod,
                        o -> Tree.map(container(o, "flight-service"), "securityContext", "capabilities")
                                .put("add", List.of("NET_ADMIN")),
                        "container-security " + FLIGHT + "/flight-service"),
                Mutation.of("/tmp without a size limit", prod,
                        o -> Tree.list(podSpec(o, "flight-service"), "volumes").stream().map(Tree::map)
                                .filter(volume -> "tmp".equals(volume.get("name")))
                                .forEach(volume -> Tree.map(volume, "emptyDir").remove("sizeLimit")),
                        "tmp-volume " + FLIGHT + "/flight-service"),
                Mutation.of("a memory limit above the request", prod,
                        o -> Tree.map(container(o, "auth-service"), "resources", "limits").put("memory", "2Gi"),
                        "resources " + AUTH + "/auth-service"),
                Mutation.of("no startup probe", prod,
                        o -> container(o, "auth-service").remove("startupProbe"),
                        "probes " + AUTH + "/auth-service"),
                Mutation.of("liveness that depends on neighbours", prod,
                        o -> Tree.map(container(o, "auth-service"), "livenessProbe", "httpGet").put("path", "/health/readiness"),
                        "probes " + AUTH + "/auth-service"),
                Mutation.of("a readiness probe on a port the container lacks", prod,
                        o -> Tree.map(container(o, "auth-service"), "readinessProbe", "httpGet").put("port", "admin"),
                        "probes " + AUTH + "/auth-service"),
                Mutation.of("a JVM that limps on out of memory", prod,
                        o -> env(o, "auth-service", "JAVA_TOOL_OPTIONS").put("value", "-XX:MaxRAMPercentage=70 "
                                + "--add-opens=java.base/java.nio=ALL-UNNAMED -Dio.netty.noUnsafe=false"),
                        "jvm-flags " + AUTH + "/auth-service"),
                Mutation.of("flight-service without a direct memory bound", prod,
                        o -> env(o, "flight-service", "JAVA_TOOL_OPTIONS").put("value", "-XX:MaxRAMPercentage=40 "
                                + "-XX:+ExitOnOutOfMemoryError --add-opens=java.base/java.nio=ALL-UNNAMED "
                                + "-Dio.netty.noUnsafe=false"),
                        "jvm-flags " + FLIGHT + "/flight-service"),
                Mutation.of("a grace period shorter than the pause and the drain", prod,
                        o -> podSpec(o, "auth-service").put("terminationGracePeriodSeconds", 15),
                        "graceful-shutdown " + AUTH + "/auth-service"),
                Mutation.of("a service-account token nobody uses", prod,
                        o -> podSpec(o, "auth-service").put("automountServiceAccountToken", true),
                        "service-account-token " + AUTH),
                Mutation.of("router-service without its token", prod,
                        o -> podSpec(o, "router-service").put("automountServiceAccountToken", false),
                        "service-account-token Deployment/router-service"),
                Mutation.of("a database password as a literal", prod,
                        o -> {
                            Map<String, Object> password = env(o, "catalog-service", "DATASOURCES_DEFAULT_PASSWORD");
                            password.remove("valueFrom");
                            password.put("value", "hunter2");
                        },
                        "secret-env Deployment/catalog-service/catalog-service"),
                Mutation.of("a Service port aimed at no container port", prod,
                        o -> Tree.map(Tree.list(body(o, "Service", "auth-service"), "spec", "ports").get(1)).put("targetPort", "grcp"),
                        "service-ports Service/auth-service"),
                Mutation.of("a Service that selects no pod", prod,
                        o -> Tree.map(body(o, "Service", "catalog-service"), "spec", "selector")
                                .put("app.kubernetes.io/name", "catalog"),
                        "service-selects-pod Service/catalog-service"),
                Mutation.of("a TLS gRPC port that claims h2c", prod,
                        o -> Tree.map(Tree.list(body(o, "Service", "auth-service"), "spec", "ports").get(1))
                                .put("appProtocol", ServiceRules.H2C),
                        "service-ports Service/auth-service"),
                Mutation.of("a Role that may list Secrets", prod,
                        o -> Tree.map(Tree.list(body(o, "Role", "router-service-backends"), "rules").get(0))
                                .put("verbs", List.of("get", "list")),
                        "rbac Role/router-service-backends"),
                Mutation.of("a Role on every Service", prod,
                        o -> Tree.map(Tree.list(body(o, "Role", "router-service-backends"), "rules").get(1))
                                .remove("resourceNames"),
                        "rbac Role/router-service-backends"),
                Mutation.of("a ClusterRole", prod,
                        o -> o.add(Mutation.added("rbac.authorization.k8s.io/v1", "ClusterRole", "reader",
                                Map.of("rules", List.of()))),
                        "rbac ClusterRole/reader"),
                Mutation.of("a Secret with its values committed", prod,
                        o -> o.add(Mutation.added("v1", "Secret", "leaked", Map.of("stringData", Map.of("password", "x")))),
                        "secret-data Secret/leaked"),
                Mutation.of("a database login without a password Secret", prod,
                        o -> Tree.map(Tree.list(body(o, "Cluster", "tollgate-db"), "spec", "managed", "roles").get(1))
                                .remove("passwordSecret"),
                        "database-roles Cluster/tollgate-db"),
                Mutation.of("no default deny", prod,
                        o -> Mutation.remove(o, "NetworkPolicy", "default-deny"),
                        "network-default-deny NetworkPolicy/*"),
                Mutation.of("a network rule open on every port", prod,
                        o -> Tree.map(Tree.list(body(o, "NetworkPolicy", "catalog-service"), "spec", "egress").get(0))
                                .remove("ports"),
                        "network-rule-ports NetworkPolicy/catalog-service"),
                Mutation.of("the metrics port open to every client", prod,
                        o -> Tree.list(Tree.list(body(o, "NetworkPolicy", "catalog-service"), "spec", "ingress").get(0),
                                "ports").add(new HashMap<>(Map.of("protocol", "TCP", "port", 9090))),
                        "network-metrics NetworkPolicy/catalog-service"),
                Mutation.of("the Spark Connect backends open to every pod", prod,
                        o -> Tree.list(Tree.list(body(o, "NetworkPolicy", "spark-connect-backends"), "spec", "ingress").get(0),
                                "from").add(new HashMap<>(Map.of("podSelector", new HashMap<>()))),
                        "network-spark-backends NetworkPolicy/spark-connect-backends"),
                Mutation.of("the Spark Connect backends open to another namespace", prod,
                        o -> Tree.map(Tree.list(Tree.list(body(o, "NetworkPolicy", "spark-connect-backends"), "spec", "ingress")
                                .get(0), "from").get(0)).put("namespaceSelector", new HashMap<>()),
                        "network-spark-backends NetworkPolicy/spark-connect-backends"),
                Mutation.of("no egress rule to the trace collector", prod,
                        o -> Mutation.remove(o, "NetworkPolicy", "allow-trace-export"),
                        "trace-export " + AUTH, "trace-export Deployment/catalog-service",
                        "trace-export Deployment/connect-service", "trace-export " + FLIGHT,
                        "trace-export Deployment/router-service"),
                Mutation.of("spans sent to a port the egress rule does not open", prod,
                        o -> Tree.map(body(o, "ConfigMap", "flight-service"), "data").put(TraceExportRules.ENDPOINT,
                                "http://otel-collector.observability.svc:4317/v1/traces"),
                        "trace-export " + FLIGHT),
                Mutation.of("spans sent to a namespace the egress rule does not name", prod,
                        o -> Tree.map(body(o, "ConfigMap", "catalog-service"), "data").put(TraceExportRules.ENDPOINT,
                                "http://otel-collector.elsewhere.svc:4318/v1/traces"),
                        "trace-export Deployment/catalog-service"),
                Mutation.of("an HPA that may scale to one replica", prod,
                        o -> Tree.map(body(o, "HorizontalPodAutoscaler", "flight-service"), "spec").put("minReplicas", 1),
                        "hpa HorizontalPodAutoscaler/flight-service"),
                Mutation.of("replicas under an HPA", prod,
                        o -> Tree.map(body(o, "Deployment", "flight-service"), "spec").put("replicas", 3),
                        "hpa " + FLIGHT),
                Mutation.of("a service without a PodDisruptionBudget", prod,
                        o -> Mutation.remove(o, "PodDisruptionBudget", "router-service"),
                        "pdb Deployment/router-service"),
                Mutation.of("a PodDisruptionBudget letting two replicas go", prod,
                        o -> Tree.map(body(o, "PodDisruptionBudget", "catalog-service"), "spec").put("maxUnavailable", 2),
                        "pdb Deployment/catalog-service"),
                Mutation.of("one replica in prod", prod,
                        o -> Tree.map(body(o, "Deployment", "router-service"), "spec").put("replicas", 1),
                        "replicas Deployment/router-service"),
                Mutation.of("replicas not spread over zones", prod,
                        o -> Tree.list(podSpec(o, "catalog-service"), "topologySpreadConstraints").remove(0),
                        "topology-spread Deployment/catalog-service"),
                Mutation.of("an image by tag in prod", prod,
                        o -> container(o, "catalog-service").put("image", "tollgate/catalog-service:1.0"),
                        "image-digest Deployment/catalog-service"),
                Mutation.of("an object outside prod's namespace", prod,
                        o -> Tree.map(body(o, "ConfigMap", "flight-service"), "metadata").remove("namespace"),
                        "namespace ConfigMap/flight-service"),
                Mutation.of("an object without the suite's labels", prod,
                        o -> Tree.map(body(o, "ServiceAccount", "auth-service"), "metadata", "labels")
                                .remove("app.kubernetes.io/part-of"),
                        "labels ServiceAccount/auth-service"),
                Mutation.of("two replicas in dev", Renders.DEV,
                        o -> Tree.map(body(o, "Deployment", "auth-service"), "spec").put("replicas", 2),
                        "replicas " + AUTH),
                Mutation.of("a namespace in base", Renders.BASE,
                        o -> Tree.map(body(o, "Service", "router-service"), "metadata").put("namespace", "tollgate"),
                        "namespace Service/router-service"));
    }

    static Stream<Mutation> schemaMutations() {
        Renders prod = Renders.PROD;
        return Stream.of(
                Mutation.of("a misspelled field", prod,
                        o -> container(o, "auth-service").put("imagePullPolcy", "Always"),
                        "schema " + AUTH),
                Mutation.of("a field of the wrong type", prod,
                        o -> Tree.map(body(o, "Deployment", "router-service"), "spec").put("replicas", List.of(2)),
                        "schema Deployment/router-service"),
                Mutation.of("an invalid quantity", prod,
                        o -> Tree.map(container(o, "auth-service"), "resources", "requests").put("memory", "1 GB"),
                        "schema " + AUTH),
                Mutation.of("a container without its required name", prod,
                        o -> container(o, "auth-service").remove("name"),
                        "schema " + AUTH),
                Mutation.of("a misspelled CloudNativePG field", prod,
                        o -> Tree.map(body(o, "Cluster", "tollgate-db"), "spec").put("instanse", 3),
                        "schema Cluster/tollgate-db"),
                Mutation.of("a managed role whose password Secret has no name", prod,
                        o -> Tree.map(Tree.list(body(o, "Cluster", "tollgate-db"), "spec", "managed", "roles").get(0),
                                "passwordSecret").remove("name"),
                        "schema Cluster/tollgate-db"),
                Mutation.of("a scrape interval that is no duration", prod,
                        o -> Tree.map(Tree.list(body(o, "ServiceMonitor", "tollgate-services"), "spec", "endpoints").get(0))
                                .put("interval", "30 seconds"),
                        "schema ServiceMonitor/tollgate-services"),
                Mutation.of("a kind nothing checks", prod,
                        o -> o.add(Mutation.added("example.com/v1", "Widget", "w", new HashMap<>())),
                        "schema Widget/w"));
    }

}
