package io.tollgate.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for every pod template: hardening, /tmp, resources, JVM sizing, probes, graceful shutdown,
 * the service-account token and where secret settings come from.
 */
final class PodRules {

    /** The least time a replica is given, after its preStop pause, to drain requests and streams. */
    static final int MIN_DRAIN_SECONDS = 20;

    /** Settings whose values are secrets: they must come from a Secret, never a literal. */
    private static final Pattern SECRET_ENV = Pattern.compile(".*(PASSWORD|SECRET|HANDLE_KEY)$");

    private static final Pattern DIRECT_MEMORY = Pattern.compile("-XX:MaxDirectMemorySize=([0-9]+)([kKmMgG]?)");

    /** The service whose pods read the API server (micronaut-kubernetes), and so keep a token. */
    private static final Set<String> API_SERVER_CLIENTS = Set.of("router-service");

    private PodRules() {
    }

    static List<Finding> check(List<K8sObject> objects) {
        List<Finding> findings = new ArrayList<>();
        for (K8sObject workload : objects) {
            if (workload.isWorkload()) {
                check(workload, findings);
            }
        }
        return findings;
    }

    static List<Map<String, Object>> containers(K8sObject workload) {
        return Tree.list(workload.podTemplate(), "spec", "containers").stream()
                .map(container -> Tree.map(container)).toList();
    }

    static boolean isTollgateService(Map<String, Object> container) {
        String image = Tree.string(container, "image");
        return image != null && image.startsWith("tollgate/");
    }

    private static void check(K8sObject workload, List<Finding> findings) {
        Map<String, Object> pod = Tree.map(workload.podTemplate(), "spec");
        String id = workload.id();
        Map<String, Object> security = Tree.map(pod, "securityContext");
        if (!Boolean.TRUE.equals(security.get("runAsNonRoot"))) {
            findings.add(new Finding("pod-security", id, "runAsNonRoot is not true"));
        }
        for (String field : List.of("runAsUser", "runAsGroup", "fsGroup")) {
            if (!(security.get(field) instanceof Integer value) || value == 0) {
                findings.add(new Finding("pod-security", id, field + " is not a fixed non-root id"));
            }
        }
        if (!"RuntimeDefault".equals(Tree.string(security, "seccompProfile", "type"))) {
            findings.add(new Finding("pod-security", id, "seccompProfile is not RuntimeDefault"));
        }
        checkServiceAccountToken(workload, pod, findings);
        for (Map<String, Object> container : containers(workload)) {
            String where = id + "/" + Tree.string(container, "name");
            checkContainerSecurity(where, container, findings);
            checkTmp(where, pod, container, findings);
            checkResources(where, container, findings);
            checkProbes(where, container, findings);
            checkSecretEnv(where, container, findings);
            if (isTollgateService(container)) {
                checkJvm(workload, where, container, findings);
                checkShutdown(where, pod, container, findings);
            }
        }
    }

    private static void checkServiceAccountToken(K8sObject workload, Map<String, Object> pod, List<Finding> findings) {
        boolean mounted = !Boolean.FALSE.equals(pod.get("automountServiceAccountToken"));
        boolean needed = API_SERVER_CLIENTS.contains(workload.name());
        if (mounted != needed) {
            findings.add(new Finding("service-account-token", workload.id(), needed
                    ? "talks to the API server but its token is not mounted"
                    : "its pods mount a service-account token they never use"));
        }
    }

    private static void checkContainerSecurity(String where, Map<String, Object> container, List<Finding> findings) {
        Map<String, Object> security = Tree.map(container, "securityContext");
        if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
            findings.add(new Finding("container-security", where, "allowPrivilegeEscalation is not false"));
        }
        if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
            findings.add(new Finding("container-security", where, "readOnlyRootFilesystem is not true"));
        }
        if (!List.of("ALL").equals(Tree.list(security, "capabilities", "drop"))
                || Tree.has(security, "capabilities", "add")) {
            findings.add(new Finding("container-security", where, "capabilities: not exactly drop [ALL]"));
        }
        if (Boolean.TRUE.equals(security.get("privileged"))) {
            findings.add(new Finding("container-security", where, "privileged"));
        }
    }

    private static void checkTmp(String where, Map<String, Object> pod, Map<String, Object> container,
            List<Finding> findings) {
        String volumeName = Tree.list(container, "volumeMounts").stream()
                .filter(mount -> "/tmp".equals(Tree.string(mount, "mountPath")))
                .map(mount -> Tree.string(mount, "name")).findFirst().orElse(null);
        Map<String, Object> volume = Tree.list(pod, "volumes").stream()
                .filter(candidate -> Objects.equals(volumeName, Tree.string(candidate, "name")))
                .map(candidate -> Tree.map(candidate)).findFirst().orElse(Map.of());
        if (volumeName == null || !Tree.has(volume, "emptyDir", "sizeLimit")) {
            findings.add(new Finding("tmp-volume", where, "/tmp is not an emptyDir with a sizeLimit"));
        }
    }

    private static void checkResources(String where, Map<String, Object> container, List<Finding> findings) {
        Object request = Tree.at(container, "resources", "requests", "memory");
        Object limit = Tree.at(container, "resources", "limits", "memory");
        if (request == null || !Objects.equals(request, limit)) {
            findings.add(new Finding("resources", where, "memory request " + request + " is not its limit " + limit));
        }
        if (!Tree.has(container, "resources", "requests", "cpu")) {
            findings.add(new Finding("resources", where, "no cpu request"));
        }
    }

    private static void checkProbes(String where, Map<String, Object> container, List<Finding> findings) {
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> spec = Tree.map(container, probe);
            if (spec.isEmpty()) {
                findings.add(new Finding("probes", where, "no " + probe));
                continue;
            }
            Object port = Tree.at(spec, "httpGet", "port");
            if (port == null) {
                port = Tree.at(spec, "tcpSocket", "port");
            }
            if (port != null && !declaresPort(container, port)) {
                findings.add(new Finding("probes", where, probe + " port " + port + " is not a container port"));
            }
            if (Tree.has(spec, "grpc") && !(Tree.at(spec, "grpc", "port") instanceof Integer)) {
                findings.add(new Finding("probes", where, probe + ": a grpc probe needs an integer port"));
            }
        }
        if (isTollgateService(container)) {
            if (!"/health/readiness".equals(Tree.string(container, "readinessProbe", "httpGet", "path"))) {
                findings.add(new Finding("probes", where, "readiness is not GET /health/readiness"));
            }
            // Liveness must not fail when a neighbour does: /health and /health/readiness include the
            // database and the control plane.
            if (!"/health/liveness".equals(Tree.string(container, "livenessProbe", "httpGet", "path"))) {
                findings.add(new Finding("probes", where, "liveness is not GET /health/liveness"));
            }
        }
    }

    static boolean declaresPort(Map<String, Object> container, Object port) {
        return Tree.list(container, "ports").stream().anyMatch(declared ->
                port.equals(Tree.at(declared, "name")) || port.equals(Tree.at(declared, "containerPort")));
    }

    private static void checkSecretEnv(String where, Map<String, Object> container, List<Finding> findings) {
        for (Object env : Tree.list(container, "env")) {
            String name = Tree.string(env, "name");
            if (name != null && SECRET_ENV.matcher(name).matches() && !Tree.has(env, "valueFrom", "secretKeyRef")) {
                findings.add(new Finding("secret-env", where, name + " is not read from a Secret"));
            }
        }
    }

    private static void checkJvm(K8sObject workload, String where, Map<String, Object> container,
            List<Finding> findings) {
        String options = envValue(container, "JAVA_TOOL_OPTIONS");
        if (options == null) {
            findings.add(new Finding("jvm-flags", where, "no JAVA_TOOL_OPTIONS"));
            return;
        }
        for (String flag : List.of("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dio.netty.noUnsafe=false")) {
            if (!options.contains(flag)) {
                findings.add(new Finding("jvm-flags", where, "JAVA_TOOL_OPTIONS lacks " + flag));
            }
        }
        if (workload.name().equals("flight-service")) {
            Matcher direct = DIRECT_MEMORY.matcher(options);
            if (!direct.find()) {
                findings.add(new Finding("jvm-flags", where, "no -XX:MaxDirectMemorySize for Arrow's buffers"));
            }
        }
    }

    private static void checkShutdown(String where, Map<String, Object> pod, Map<String, Object> container,
            List<Finding> findings) {
        Object pause = Tree.at(container, "lifecycle", "preStop", "sleep", "seconds");
        Object grace = pod.get("terminationGracePeriodSeconds");
        if (!(pause instanceof Integer pauseSeconds) || pauseSeconds <= 0) {
            findings.add(new Finding("graceful-shutdown", where, "no preStop pause"));
        } else if (!(grace instanceof Integer graceSeconds) || graceSeconds < pauseSeconds + MIN_DRAIN_SECONDS) {
            findings.add(new Finding("graceful-shutdown", where, "terminationGracePeriodSeconds " + grace
                    + " leaves under " + MIN_DRAIN_SECONDS + " s to drain after the " + pause + " s pause"));
        }
    }

    /** The variables a workload's containers take from ConfigMaps of the render (envFrom). */
    static Map<String, String> configMapData(K8sObject workload, List<K8sObject> objects) {
        Map<String, String> data = new HashMap<>();
        for (Map<String, Object> container : containers(workload)) {
            for (Object source : Tree.list(container, "envFrom")) {
                String name = Tree.string(source, "configMapRef", "name");
                objects.stream().filter(object -> object.kind().equals("ConfigMap") && object.name().equals(name))
                        .forEach(map -> Tree.map(map.body(), "data").forEach((key, value) -> data.put(key, String.valueOf(value))));
            }
        }
        return data;
    }

    static String envValue(Map<String, Object> container, String name) {
        return Tree.list(container, "env").stream()
                .filter(env -> name.equals(Tree.string(env, "name")))
                .map(env -> Tree.string(env, "value")).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The bytes of -XX:MaxDirectMemorySize in JVM options, or -1 when absent. */
    static long directMemoryBytes(String options) {
        Matcher direct = DIRECT_MEMORY.matcher(options == null ? "" : options);
        if (!direct.find()) {
            return -1;
        }
        long value = Long.parseLong(direct.group(1));
        return switch (direct.group(2).toLowerCase()) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        };
    }
}
