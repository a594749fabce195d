package io.tollgate.deploy;

import static io.tollgate.deploy.FieldRules.Leaf.ANY_MAP_OF_STRINGS;
import static io.tollgate.deploy.FieldRules.Leaf.BOOLEAN;
import static io.tollgate.deploy.FieldRules.Leaf.DURATION_TEXT;
import static io.tollgate.deploy.FieldRules.Leaf.INTEGER;
import static io.tollgate.deploy.FieldRules.Leaf.QUANTITY;
import static io.tollgate.deploy.FieldRules.Leaf.STRING;

import io.tollgate.deploy.FieldRules.Fields;
import io.tollgate.deploy.FieldRules.ListOf;
import io.tollgate.deploy.FieldRules.OneOf;
import java.util.List;
import java.util.Map;

/**
 * Field rules for the custom resources we render, which client-java has no model for: CloudNativePG's
 * {@code Cluster} (postgresql.cnpg.io/v1) and the Prometheus Operator's {@code ServiceMonitor} and
 * {@code PodMonitor} (monitoring.coreos.com/v1), after their CRDs' documented fields.
 */
final class CustomResourceRules {

    private static final Fields METADATA = Fields.of(Map.of(
            "name", STRING, "namespace", STRING, "labels", ANY_MAP_OF_STRINGS, "annotations", ANY_MAP_OF_STRINGS),
            "name");

    private static final Fields LOCAL_REFERENCE = Fields.of(Map.of("name", STRING), "name");

    private static final Fields RESOURCES = Fields.of(Map.of(
            "requests", Fields.of(Map.of("cpu", QUANTITY, "memory", QUANTITY)),
            "limits", Fields.of(Map.of("cpu", QUANTITY, "memory", QUANTITY))));

    private static final Fields MANAGED_ROLE = Fields.of(Map.ofEntries(
            Map.entry("name", STRING), Map.entry("ensure", OneOf.of("present", "absent")),
            Map.entry("comment", STRING), Map.entry("login", BOOLEAN), Map.entry("superuser", BOOLEAN),
            Map.entry("createdb", BOOLEAN), Map.entry("createrole", BOOLEAN), Map.entry("inherit", BOOLEAN),
            Map.entry("replication", BOOLEAN), Map.entry("bypassrls", BOOLEAN),
            Map.entry("connectionLimit", INTEGER), Map.entry("validUntil", STRING),
            Map.entry("inRoles", new ListOf(STRING)), Map.entry("passwordSecret", LOCAL_REFERENCE),
            Map.entry("disablePassword", BOOLEAN)),
            "name");

    private static final Fields CLUSTER_SPEC = Fields.of(Map.ofEntries(
            Map.entry("instances", INTEGER), Map.entry("imageName", STRING),
            Map.entry("primaryUpdateStrategy", OneOf.of("unsupervised", "supervised")),
            Map.entry("inheritedMetadata", Fields.of(Map.of("labels", ANY_MAP_OF_STRINGS,
                    "annotations", ANY_MAP_OF_STRINGS))),
            Map.entry("bootstrap", Fields.of(Map.of("initdb", Fields.of(Map.of(
                    "database", STRING, "owner", STRING, "secret", LOCAL_REFERENCE,
                    "postInitApplicationSQL", new ListOf(STRING)))))),
            Map.entry("managed", Fields.of(Map.of("roles", new ListOf(MANAGED_ROLE)))),
            Map.entry("storage", Fields.of(Map.of("size", QUANTITY, "storageClass", STRING), "size")),
            Map.entry("resources", RESOURCES),
            Map.entry("affinity", Fields.of(Map.of("enablePodAntiAffinity", BOOLEAN, "topologyKey", STRING,
                    "podAntiAffinityType", OneOf.of("preferred", "required")))),
            Map.entry("monitoring", Fields.of(Map.of("enablePodMonitor", BOOLEAN)))),
            "instances", "storage");

    private static final Fields LABEL_SELECTOR = Fields.of(Map.of(
            "matchLabels", ANY_MAP_OF_STRINGS,
            "matchExpressions", new ListOf(Fields.of(Map.of(
                    "key", STRING, "operator", OneOf.of("In", "NotIn", "Exists", "DoesNotExist"),
                    "values", new ListOf(STRING)), "key", "operator"))));

    private static final Fields SCRAPE_ENDPOINT = Fields.of(Map.of(
            "port", STRING, "path", STRING, "scheme", OneOf.of("http", "https"),
            "interval", DURATION_TEXT, "scrapeTimeout", DURATION_TEXT),
            "port");

    private static final Map<String, Fields> KINDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", resource(CLUSTER_SPEC),
            "monitoring.coreos.com/v1/ServiceMonitor", resource(Fields.of(Map.of(
                    "selector", LABEL_SELECTOR, "endpoints", new ListOf(SCRAPE_ENDPOINT),
                    "namespaceSelector", Fields.of(Map.of("matchNames", new ListOf(STRING), "any", BOOLEAN))),
                    "selector", "endpoints")),
            "monitoring.coreos.com/v1/PodMonitor", resource(Fields.of(Map.of(
                    "selector", LABEL_SELECTOR, "podMetricsEndpoints", new ListOf(SCRAPE_ENDPOINT)),
                    "selector", "podMetricsEndpoints")));

    private CustomResourceRules() {
    }

    private static Fields resource(Fields spec) {
        return Fields.of(Map.of("apiVersion", STRING, "kind", STRING, "metadata", METADATA, "spec", spec),
                "apiVersion", "kind", "metadata", "spec");
    }

    static List<Finding> check(K8sObject object) {
        Fields rules = KINDS.get(object.apiVersion() + "/" + object.kind());
        if (rules == null) {
            return List.of(new Finding(StrictSchema.RULE, object.id(),
                    "no strict schema for " + object.apiVersion() + " " + object.kind()));
        }
        return FieldRules.violations(rules, object.body(), object.kind()).stream()
                .map(problem -> new Finding(StrictSchema.RULE, object.id(), problem))
                .toList();
    }
}
