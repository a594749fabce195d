package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization with {@code kubectl kustomize}, once per directory per test run. Without
 * kubectl the checks are skipped with the reason shown, except under {@code CI=true}, where they
 * fail: CI machines have kubectl, and a check that silently did not run would pass a broken render.
 */
final class Kustomize {

    private static final Map<Path, String> RENDERS = new ConcurrentHashMap<>();

    /** The kubectl to run: -Ddeploy.kubectl=/path/to/kubectl, else the one on the PATH. */
    private static final String KUBECTL = System.getProperty("deploy.kubectl", "kubectl");

    private Kustomize() {
    }

    static Path deployRoot() {
        return Path.of(System.getProperty("deploy.root", "../deploy")).toAbsolutePath().normalize();
    }

    /** The YAML {@code kubectl kustomize} prints for a directory under deploy/ (e.g. overlays/prod). */
    static String render(String directory) {
        return RENDERS.computeIfAbsent(deployRoot().resolve(directory), Kustomize::run);
    }

    static List<K8sObject> objects(String directory) {
        return parse(render(directory));
    }

    @SuppressWarnings("unchecked")
    static List<K8sObject> parse(String yaml) {
        List<K8sObject> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                objects.add(K8sObject.of((Map<String, Object>) document));
            }
        }
        return objects;
    }

    private static String run(Path directory) {
        requireKubectl();
        try {
            Path output = Files.createTempFile("kustomize", ".yaml");
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(KUBECTL, "kustomize", directory.toString())
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail("kubectl kustomize " + directory + " did not finish");
                }
                if (process.exitValue() != 0) {
                    fail("kubectl kustomize " + directory + " failed: " + Files.readString(errors));
                }
                return Files.readString(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("kubectl kustomize " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void requireKubectl() {
        if (kubectlRuns()) {
            return;
        }
        String reason = KUBECTL + " does not run: the deploy/ renders cannot be checked";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + " (CI=true: required)");
        }
        Assumptions.abort(reason + "; install kubectl to run these checks (required under CI=true)");
    }

    private static boolean kubectlRuns() {
        try {
            Process process = new ProcessBuilder(KUBECTL, "version", "--client")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
