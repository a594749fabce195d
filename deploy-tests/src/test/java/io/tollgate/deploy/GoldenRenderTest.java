package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The renders are committed under deploy/rendered/ so that a review sees what a manifest change
 * does to what is applied. A render that differs from its file fails; after an intended change,
 * {@code ./mvnw -o -q test -pl deploy-tests -Ddeploy.rewrite-golden=true} rewrites the files.
 */
class GoldenRenderTest {

    private static final boolean REWRITE = Boolean.getBoolean("deploy.rewrite-golden");

    @ParameterizedTest
    @EnumSource(Renders.class)
    void theRenderIsTheCommittedGoldenFile(Renders render) throws IOException {
        String rendered = Kustomize.render(render.directory);
        Path golden = Kustomize.deployRoot().resolve("rendered").resolve(render.goldenName());
        if (REWRITE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), golden + " is missing: run with -Ddeploy.rewrite-golden=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), rendered,
                "the render of deploy/" + render.directory + " drifted from deploy/rendered/" + render.goldenName()
                        + ": review the change and rewrite with -Ddeploy.rewrite-golden=true");
    }
}
