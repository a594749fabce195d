package io.tollgate.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A known-bad change to a render (a fresh parse each time, so cases never see each other's changes),
 * and the one finding it must produce, as {@code rule object}.
 */
record Mutation(String description, Renders render, Consumer<List<K8sObject>> change, List<String> expected) {

    static Mutation of(String description, Renders render, Consumer<List<K8sObject>> change, String... expected) {
        return new Mutation(description, render, change, List.of(expected));
    }

    List<K8sObject> apply() {
        List<K8sObject> objects = new ArrayList<>(Kustomize.parse(Kustomize.render(render.directory)));
        change.accept(objects);
        return objects;
    }

    @Override
    public String toString() {
        return description;
    }

    static Map<String, Object> body(List<K8sObject> objects, String kind, String name) {
        return objects.stream().filter(object -> object.kind().equals(kind) && object.name().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(kind + "/" + name)).body();
    }

    static Map<String, Object> podSpec(List<K8sObject> objects, String deployment) {
        return Tree.map(body(objects, "Deployment", deployment), "spec", "template", "spec");
    }

    static Map<String, Object> container(List<K8sObject> objects, String deployment) {
        return Tree.map(Tree.list(podSpec(objects, deployment), "containers").get(0));
    }

    static Map<String, Object> env(List<K8sObject> objects, String deployment, String name) {
        return Tree.list(container(objects, deployment), "env").stream().map(Tree::map)
                .filter(env -> name.equals(env.get("name"))).findFirst().orElseThrow();
    }

    static void remove(List<K8sObject> objects, String kind, String name) {
        objects.removeIf(object -> object.kind().equals(kind) && object.name().equals(name));
    }

    /** A new object with the suite's labels, in prod's namespace. */
    static K8sObject added(String apiVersion, String kind, String name, Map<String, Object> rest) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", apiVersion);
        body.put("kind", kind);
        body.put("metadata", new LinkedHashMap<>(Map.of("name", name, "namespace", AvailabilityRules.PROD_NAMESPACE,
                "labels", Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", "tollgate"))));
        body.putAll(rest);
        return K8sObject.of(body);
    }
}
