package io.tollgate.router.persistence;

import io.micronaut.serde.annotation.Serdeable;

/** One element of the {@code upstreams} jsonb column. */
@Serdeable
record UpstreamJson(String name, String url) {
}
