/**
 * Which Spark Connect backend serves a call, and the channels to the backends: the tenant's Spark
 * Connect upstream from the registry, rendezvous hashing of (tenant, subject, session id) over its
 * endpoints (no shared state between replicas; a session moves only when its endpoint leaves), the
 * id of a cloned session chosen to hash beside its source, a per-user endpoint template, and a bounded pool of channels that drain before they close. Knows
 * no client call; must not import the wire package.
 */
package io.tollgate.connect.routing;
