package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Secret a render's pods or database roles refer to is one an operator is told to create
 * (docs/operations.md, "The Secrets to create"), and in dev one that create-secrets.sh makes: a
 * pod waiting for a Secret nobody mentioned never starts.
 */
class SecretReferencesTest {

    @ParameterizedTest
    @EnumSource(value = Renders.class, names = {"DEV", "PROD"})
    void everyReferencedSecretIsDocumentedAndMadeByTheDevScript(Renders render) throws IOException {
        String docs = Files.readString(ServiceSettings.projectRoot().resolve("docs/operations.md"));
        String script = Files.readString(Kustomize.deployRoot().resolve("overlays/dev/create-secrets.sh"));
        Set<String> referenced = referencedSecrets(render.objects());
        assertFalse(referenced.isEmpty(), "the render refers to Secrets");
        List<String> undocumented = referenced.stream()
                .filter(name -> !docs.contains("`" + name + "`") && !docs.contains("`" + templated(name, "<service>") + "`"))
                .toList();
        assertEquals(List.of(), undocumented, "Secrets docs/operations.md does not list");
        if (render == Renders.DEV) {
            List<String> notMade = referenced.stream()
                    .filter(name -> !script.contains(name) && !script.contains(templated(name, "$service")))
                    .toList();
            assertEquals(List.of(), notMade, "Secrets create-secrets.sh does not make");
        }
    }

    /** auth-service-internal-tls -> <service>-internal-tls, as the docs and the script's loop write it. */
    private static String templated(String name, String placeholder) {
        return name.replaceFirst("^(auth|router|flight|catalog|connect)-service-", Matcher.quoteReplacement(placeholder + "-"));
    }

    private static Set<String> referencedSecrets(List<K8sObject> objects) {
        Set<String> names = new TreeSet<>();
        for (K8sObject object : objects) {
            Map<String, Object> pod = Tree.map(object.podTemplate(), "spec");
            Tree.list(pod, "volumes").forEach(volume -> add(names, Tree.string(volume, "secret", "secretName")));
            for (Object container : Tree.list(pod, "containers")) {
                Tree.list(container, "env").forEach(env -> add(names, Tree.string(env, "valueFrom", "secretKeyRef", "name")));
                Tree.list(container, "envFrom").forEach(source -> add(names, Tree.string(source, "secretRef", "name")));
            }
            if (object.kind().equals("Cluster")) {
                add(names, Tree.string(object.body(), "spec", "bootstrap", "initdb", "secret", "name"));
                Tree.list(object.body(), "spec", "managed", "roles")
                        .forEach(role -> add(names, Tree.string(role, "passwordSecret", "name")));
            }
        }
        return names;
    }

    private static void add(Set<String> names, String name) {
        if (name != null) {
            names.add(name);
        }
    }
}
