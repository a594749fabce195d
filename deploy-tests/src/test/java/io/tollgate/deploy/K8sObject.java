package io.tollgate.deploy;

import java.util.Map;

/** One rendered object: its kind, name, namespace (null when unset) and whole body. */
record K8sObject(String apiVersion, String kind, String name, String namespace, Map<String, Object> body) {

    static K8sObject of(Map<String, Object> body) {
        return new K8sObject(Tree.string(body, "apiVersion"), Tree.string(body, "kind"),
                Tree.string(body, "metadata", "name"), Tree.string(body, "metadata", "namespace"), body);
    }

    String id() {
        return kind + "/" + name;
    }

    Map<String, Object> labels() {
        return Tree.map(body, "metadata", "labels");
    }

    /** The pod template of a workload, or an empty map for any other kind. */
    Map<String, Object> podTemplate() {
        return Tree.map(body, "spec", "template");
    }

    boolean isWorkload() {
        return kind.equals("Deployment") || kind.equals("StatefulSet");
    }
}
