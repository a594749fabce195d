package io.tollgate.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Parses each object strictly as its Kubernetes API type with client-java's generated model:
 * {@code validateJsonElement} refuses unknown (misspelled) fields, missing required ones and wrong
 * types; deserializing then parses every quantity. Custom resources go to {@link CustomResourceRules};
 * a kind neither knows is itself a finding, so nothing passes unchecked.
 */
final class StrictSchema {

    static final String RULE = "schema";

    private record ApiType(Validator validator, Class<?> type) {
    }

    @FunctionalInterface
    private interface Validator {
        void validate(JsonElement json) throws IOException;
    }

    private static final Map<String, ApiType> TYPES = Map.ofEntries(
            Map.entry("apps/v1/Deployment", new ApiType(V1Deployment::validateJsonElement, V1Deployment.class)),
            Map.entry("apps/v1/StatefulSet", new ApiType(V1StatefulSet::validateJsonElement, V1StatefulSet.class)),
            Map.entry("v1/Service", new ApiType(V1Service::validateJsonElement, V1Service.class)),
            Map.entry("v1/ServiceAccount", new ApiType(V1ServiceAccount::validateJsonElement, V1ServiceAccount.class)),
            Map.entry("v1/ConfigMap", new ApiType(V1ConfigMap::validateJsonElement, V1ConfigMap.class)),
            Map.entry("v1/Secret", new ApiType(V1Secret::validateJsonElement, V1Secret.class)),
            Map.entry("v1/Namespace", new ApiType(V1Namespace::validateJsonElement, V1Namespace.class)),
            Map.entry("rbac.authorization.k8s.io/v1/Role", new ApiType(V1Role::validateJsonElement, V1Role.class)),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding",
                    new ApiType(V1RoleBinding::validateJsonElement, V1RoleBinding.class)),
            Map.entry("networking.k8s.io/v1/NetworkPolicy",
                    new ApiType(V1NetworkPolicy::validateJsonElement, V1NetworkPolicy.class)),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    new ApiType(V2HorizontalPodAutoscaler::validateJsonElement, V2HorizontalPodAutoscaler.class)),
            Map.entry("policy/v1/PodDisruptionBudget",
                    new ApiType(V1PodDisruptionBudget::validateJsonElement, V1PodDisruptionBudget.class)));

    private static final Gson TREE = new Gson();
    private static final JSON MODEL = new JSON();

    private StrictSchema() {
    }

    static List<Finding> check(List<K8sObject> objects) {
        return objects.stream().flatMap(object -> check(object).stream()).toList();
    }

    static List<Finding> check(K8sObject object) {
        ApiType type = TYPES.get(object.apiVersion() + "/" + object.kind());
        if (type == null) {
            return CustomResourceRules.check(object);
        }
        JsonElement json = TREE.toJsonTree(object.body());
        try {
            type.validator().validate(json);
            MODEL.deserialize(json.toString(), type.type());
            return List.of();
        } catch (IOException | RuntimeException e) {
            return List.of(new Finding(RULE, object.id(), String.valueOf(e.getMessage())));
        }
    }
}
