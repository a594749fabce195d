package io.tollgate.deploy;

/** What a render is for, which decides the rules that depend on the environment. */
enum Profile {
    /** deploy/base: shared by every environment, so no namespace. */
    BASE,
    /** overlays/dev: one replica of each service. */
    DEV,
    /** overlays/prod: a namespace, two replicas or more, PDBs, spread, digests, default deny. */
    PROD
}
