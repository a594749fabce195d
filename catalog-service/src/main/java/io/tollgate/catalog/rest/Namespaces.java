package io.tollgate.catalog.rest;

import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTUtil;

/** Namespaces as Iceberg clients put them in paths and query parameters (levels joined by U+001F). */
final class Namespaces {
    private Namespaces() {
    }

    /** A namespace path variable, already percent-decoded by the router. */
    static Namespace fromPath(String namespace) {
        return RESTUtil.namespaceFromQueryParam(namespace);
    }

    /** A table's or view's identifier from the namespace and name path variables. */
    static TableIdentifier identifier(String namespace, String name) {
        return TableIdentifier.of(fromPath(namespace), name);
    }

    /** The {@code parent} query parameter of a namespace listing: none means the top level. */
    static Namespace parent(String parent) {
        return parent == null || parent.isEmpty() ? Namespace.empty() : RESTUtil.namespaceFromQueryParam(parent);
    }
}
