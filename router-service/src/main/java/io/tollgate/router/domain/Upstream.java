package io.tollgate.router.domain;

import java.util.Objects;

/**
 * An engine behind the gateway for one tenant (e.g. its Trino coordinator), by name.
 *
 * @param name a short name, unique within the tenant ("trino")
 * @param url  its base URL (http or https)
 */
public record Upstream(String name, String url) {
    public Upstream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }
}
