package io.tollgate.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How many, where and what runs: labels and namespaces, replicas, HPAs (v2, at least two, and
 * no replicas under them), PDBs, topology spread and images pinned by digest in prod.
 */
final class AvailabilityRules {

    static final String PROD_NAMESPACE = "tollgate";

    private static final Pattern DIGEST = Pattern.compile("[^@:]+(:[^@]+)?@sha256:[0-9a-f]{64}");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

    private AvailabilityRules() {
    }

    static List<Finding> check(List<K8sObject> objects, Profile profile) {
        List<Finding> findings = new ArrayList<>();
        Set<String> autoscaled = objects.stream().filter(object -> object.kind().equals("HorizontalPodAutoscaler"))
                .map(hpa -> Tree.string(hpa.body(), "spec", "scaleTargetRef", "name")).collect(Collectors.toSet());
        for (K8sObject object : objects) {
            checkLabels(object, findings);
            checkNamespace(object, profile, findings);
            if (object.kind().equals("HorizontalPodAutoscaler")) {
                checkAutoscaler(object, objects, findings);
            }
            if (object.kind().equals("Deployment")) {
                checkReplicas(object, profile, autoscaled.contains(object.name()), findings);
                if (profile == Profile.PROD) {
                    checkDisruptionBudget(object, objects, findings);
                    checkSpread(object, findings);
                }
            }
            if (object.isWorkload() && profile == Profile.PROD) {
                for (Map<String, Object> container : PodRules.containers(object)) {
                    String image = Tree.string(container, "image");
                    if (image == null || !DIGEST.matcher(image).matches()) {
                        findings.add(new Finding("image-digest", object.id(), image + " is not pinned by digest"));
                    }
                }
            }
        }
        return findings;
    }

    private static void checkLabels(K8sObject object, List<Finding> findings) {
        Map<String, Object> labels = object.labels();
        if (!object.kind().equals("Namespace")
                && (!"tollgate".equals(labels.get("app.kubernetes.io/part-of")) || !labels.containsKey("app.kubernetes.io/name"))) {
            findings.add(new Finding("labels", object.id(), "lacks app.kubernetes.io/name or part-of=tollgate"));
        }
    }

    private static void checkNamespace(K8sObject object, Profile profile, List<Finding> findings) {
        if (profile == Profile.BASE && object.namespace() != null) {
            findings.add(new Finding("namespace", object.id(), "base sets namespace " + object.namespace()));
        }
        if (profile == Profile.PROD && !CLUSTER_SCOPED.contains(object.kind())
                && !PROD_NAMESPACE.equals(object.namespace())) {
            findings.add(new Finding("namespace", object.id(), "not in namespace " + PROD_NAMESPACE));
        }
    }

    private static void checkAutoscaler(K8sObject hpa, List<K8sObject> objects, List<Finding> findings) {
        if (!"autoscaling/v2".equals(hpa.apiVersion())) {
            findings.add(new Finding("hpa", hpa.id(), hpa.apiVersion() + " is not autoscaling/v2"));
        }
        if (!(Tree.at(hpa.body(), "spec", "minReplicas") instanceof Integer min) || min < 2) {
            findings.add(new Finding("hpa", hpa.id(), "minReplicas under 2"));
        }
        String target = Tree.string(hpa.body(), "spec", "scaleTargetRef", "name");
        objects.stream().filter(object -> object.kind().equals("Deployment") && object.name().equals(target))
                .filter(deployment -> Tree.has(deployment.body(), "spec", "replicas"))
                .forEach(deployment -> findings.add(new Finding("hpa", deployment.id(),
                        "sets replicas under an HPA (every apply would reset its count)")));
    }

    private static void checkReplicas(K8sObject deployment, Profile profile, boolean autoscaled, List<Finding> findings) {
        Object replicas = Tree.at(deployment.body(), "spec", "replicas");
        if (profile == Profile.PROD && !autoscaled && !(replicas instanceof Integer count && count >= 2)) {
            findings.add(new Finding("replicas", deployment.id(), "prod runs " + replicas + " replicas, fewer than 2"));
        }
        if (profile == Profile.DEV && !Integer.valueOf(1).equals(replicas)) {
            findings.add(new Finding("replicas", deployment.id(), "dev runs " + replicas + " replicas, not 1"));
        }
    }

    private static void checkDisruptionBudget(K8sObject deployment, List<K8sObject> objects, List<Finding> findings) {
        Map<String, Object> podLabels = Tree.map(deployment.podTemplate(), "metadata", "labels");
        boolean covered = objects.stream()
                .filter(object -> object.kind().equals("PodDisruptionBudget"))
                .filter(pdb -> Integer.valueOf(1).equals(Tree.at(pdb.body(), "spec", "maxUnavailable")))
                .anyMatch(pdb -> podLabels.entrySet().containsAll(
                        Tree.map(pdb.body(), "spec", "selector", "matchLabels").entrySet()));
        if (!covered) {
            findings.add(new Finding("pdb", deployment.id(), "no PodDisruptionBudget with maxUnavailable 1"));
        }
    }

    private static void checkSpread(K8sObject deployment, List<Finding> findings) {
        Set<String> keys = Tree.list(deployment.podTemplate(), "spec", "topologySpreadConstraints").stream()
                .map(constraint -> Tree.string(constraint, "topologyKey")).collect(Collectors.toSet());
        for (String key : List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname")) {
            if (!keys.contains(key)) {
                findings.add(new Finding("topology-spread", deployment.id(), "not spread over " + key));
            }
        }
    }
}
