package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The manifests set only what the services read, and their ports are the ones the services bind. */
class CodeConsistencyTest {

    /** Read by the JVM or Micronaut itself rather than by a key of ours. */
    private static final Set<String> PLATFORM_ENV = Set.of("JAVA_TOOL_OPTIONS", "MICRONAUT_ENVIRONMENTS");

    private static final Pattern DURATION = Pattern.compile("([0-9]+)(s|m)");

    /** Container port name -> the key whose value the service binds it to. */
    private static final Map<String, String> PORT_KEYS = Map.of(
            "http", "micronaut.server.port", "grpc", "grpc.server.port", "grpc-flight", "tollgate.flight.port",
            "metrics", "tollgate.metrics.port", "grpc-spark", "tollgate.connect.port");

    /** Ports application.yml leaves unset on purpose: off unless the deployment's ConfigMap sets them. */
    private static final Set<String> OFF_BY_DEFAULT = Set.of("tollgate.metrics.port");

    @ParameterizedTest
    @EnumSource(Renders.class)
    void everyEnvironmentVariableIsOneTheServiceReads(Renders render) {
        List<K8sObject> objects = render.objects();
        List<String> unknown = new ArrayList<>();
        for (K8sObject deployment : tollgateDeployments(objects)) {
            ServiceSettings settings = ServiceSettings.of(deployment.name());
            for (String name : environmentNames(deployment, objects)) {
                if (!PLATFORM_ENV.contains(name) && !settings.reads(name)) {
                    unknown.add(deployment.name() + " " + name);
                }
            }
        }
        assertEquals(List.of(), unknown, "settings no service reads (application.yml, README tables)");
    }

    @ParameterizedTest
    @EnumSource(Renders.class)
    void containerPortsAreThePortsTheServicesBind(Renders render) {
        List<K8sObject> objects = render.objects();
        for (K8sObject deployment : tollgateDeployments(objects)) {
            ServiceSettings settings = ServiceSettings.of(deployment.name());
            Map<String, String> configured = PodRules.configMapData(deployment, objects);
            for (Object port : Tree.list(PodRules.containers(deployment).get(0), "ports")) {
                String name = Tree.string(port, "name");
                String key = PORT_KEYS.get(name);
                assertTrue(key != null, deployment.name() + ": unexpected container port " + name);
                Object bound = configured.getOrDefault(ServiceSettings.envName(key), String.valueOf(settings.value(key)));
                assertEquals(String.valueOf(bound), String.valueOf(Tree.at(port, "containerPort")),
                        deployment.name() + " port " + name + " against " + key);
                if (OFF_BY_DEFAULT.contains(key)) {
                    assertTrue(configured.containsKey(ServiceSettings.envName(key)),
                            deployment.name() + " port " + name + ": the ConfigMap must turn on " + key);
                } else {
                    assertEquals(String.valueOf(settings.value(key)), String.valueOf(Tree.at(port, "containerPort")),
                            deployment.name() + " port " + name + " against application.yml's " + key);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Renders.class)
    void flightServicesArrowBudgetFitsItsDirectMemory(Renders render) {
        List<K8sObject> objects = render.objects();
        K8sObject flight = objects.stream()
                .filter(object -> object.kind().equals("Deployment") && object.name().equals("flight-service"))
                .findFirst().orElseThrow();
        long direct = PodRules.directMemoryBytes(PodRules.envValue(PodRules.containers(flight).get(0), "JAVA_TOOL_OPTIONS"));
        long arrow = Long.parseLong(PodRules.configMapData(flight, objects).get("TOLLGATE_FLIGHT_MEMORY_LIMIT_BYTES"));
        assertTrue(direct > arrow, "-XX:MaxDirectMemorySize " + direct + " must exceed Arrow's budget " + arrow);
    }

    /**
     * On SIGTERM a service drains for its {@code tollgate.shutdown.drain-period}; Kubernetes kills it
     * at the end of the grace period, counted from the start of the preStop pause. A grace period
     * shorter than both would cut the drain.
     */
    @ParameterizedTest
    @EnumSource(Renders.class)
    void theGracePeriodCoversThePreStopPauseAndTheServicesDrainPeriod(Renders render) {
        List<K8sObject> objects = render.objects();
        for (K8sObject deployment : tollgateDeployments(objects)) {
            String key = "tollgate.shutdown.drain-period";
            Object configured = PodRules.configMapData(deployment, objects).getOrDefault(ServiceSettings.envName(key),
                    String.valueOf(ServiceSettings.of(deployment.name()).value(key)));
            long drain = seconds(String.valueOf(configured));
            Map<String, Object> pod = Tree.map(deployment.body(), "spec", "template", "spec");
            Object pause = Tree.at(PodRules.containers(deployment).get(0), "lifecycle", "preStop", "sleep", "seconds");
            Object grace = pod.get("terminationGracePeriodSeconds");
            assertTrue(grace instanceof Integer && pause instanceof Integer,
                    deployment.name() + ": a grace period and a preStop pause");
            assertTrue((Integer) grace > (Integer) pause + drain, deployment.name() + ": terminationGracePeriodSeconds "
                    + grace + " must exceed the " + pause + " s pause plus the " + drain + " s drain period");
        }
    }

    /** Seconds of a Micronaut duration as the services' settings write it ({@code 30s}, {@code 1m}). */
    private static long seconds(String duration) {
        Matcher m = DURATION.matcher(duration.trim());
        assertTrue(m.matches(), "a drain period in s or m: " + duration);
        long value = Long.parseLong(m.group(1));
        return m.group(2).equals("m") ? value * 60 : value;
    }

    @Test
    void aMisspelledOrForeignVariableIsNotOneTheServiceReads() {
        ServiceSettings flight = ServiceSettings.of("flight-service");
        assertTrue(flight.reads("TOLLGATE_FLIGHT_MEMORY_LIMIT_BYTES"));
        assertFalse(flight.reads("TOLLGATE_FLIGHT_MEMORY_LIMIT"), "a misspelling");
        assertFalse(flight.reads("DATASOURCES_DEFAULT_URL"), "flight-service has no database of its own");
        ServiceSettings catalog = ServiceSettings.of("catalog-service");
        assertTrue(catalog.reads("TOLLGATE_TOKENS_CLOCK_SKEW"), "tollgate.tokens.* in its table");
        assertTrue(ServiceSettings.of("auth-service").reads("TOLLGATE_AUTH_SIGNING_KEYS_DIR"), "a README row");
        assertFalse(catalog.reads("TOLLGATE_AUTH_SIGNING_KEYS_DIR"), "another service's setting");
    }

    private static List<K8sObject> tollgateDeployments(List<K8sObject> objects) {
        List<K8sObject> deployments = objects.stream()
                .filter(object -> object.kind().equals("Deployment"))
                .filter(object -> PodRules.containers(object).stream().anyMatch(PodRules::isTollgateService))
                .toList();
        assertFalse(deployments.isEmpty(), "the render has the services' Deployments");
        return deployments;
    }

    private static List<String> environmentNames(K8sObject deployment, List<K8sObject> objects) {
        List<String> names = new ArrayList<>(PodRules.configMapData(deployment, objects).keySet());
        for (Map<String, Object> container : PodRules.containers(deployment)) {
            Tree.list(container, "env").forEach(env -> names.add(Tree.string(env, "name")));
        }
        return names;
    }
}
