package io.tollgate.deploy;

import java.util.ArrayList;
import java.util.List;

/** Every policy rule of issue #16 over one render; no finding means the render is acceptable. */
final class Policy {

    private Policy() {
    }

    static List<Finding> check(List<K8sObject> objects, Profile profile) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(PodRules.check(objects));
        findings.addAll(ServiceRules.check(objects));
        findings.addAll(AccessRules.check(objects, profile));
        findings.addAll(AvailabilityRules.check(objects, profile));
        findings.addAll(TraceExportRules.check(objects));
        return findings;
    }
}
