package io.tollgate.deploy;

import java.util.Map;

/**
 * One rendered object: its kind and whole body; name and namespace (null when unset) are read from
 * the body, so a test that changes the body sees the change.
 */
record K8sObject(String apiVersion, String kind, Map<String, Object> body) {

    static K8sObject of(Map<String, Object> body) {
        return new K8sObject(Tree.string(body, "apiVersion"), Tree.string(body, "kind"), body);
    }

    String name() {
        return Tree.string(body, "metadata", "name");
    }

    String namespace() {
        return Tree.string(body, "metadata", "namespace");
    }

    String id() {
        return kind + "/" + name();
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
