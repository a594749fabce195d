package io.tollgate.deploy;

import java.util.List;

/** The renders under test: each kustomization a user applies, with the profile its rules follow. */
enum Renders {
    BASE("base", Profile.BASE),
    DEV("overlays/dev", Profile.DEV),
    PROD("overlays/prod", Profile.PROD);

    final String directory;
    final Profile profile;

    Renders(String directory, Profile profile) {
        this.directory = directory;
        this.profile = profile;
    }

    List<K8sObject> objects() {
        return Kustomize.objects(directory);
    }

    /** The golden file of this render under deploy/rendered/. */
    String goldenName() {
        return directory.replace("overlays/", "") + ".yaml";
    }
}
