package io.tollgate.router.domain;

import java.util.Locale;

/** What a registry change did to a tenant. */
public enum ChangeKind {
    CREATED,
    UPDATED,
    STATUS_CHANGED,
    DELETED;

    /** The name the change log and the admin API use (lowercase). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
