package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RenderedManifestsTest {

    @ParameterizedTest
    @EnumSource(Renders.class)
    void everyRenderedObjectParsesStrictlyAsItsApiType(Renders render) {
        List<K8sObject> objects = render.objects();
        assertTrue(objects.size() > 10, "the render has its objects: " + objects.size());
        assertEquals(List.of(), StrictSchema.check(objects));
    }

    @ParameterizedTest
    @EnumSource(Renders.class)
    void everyRenderPassesEveryPolicyRule(Renders render) {
        assertEquals(List.of(), Policy.check(render.objects(), render.profile));
    }
}
