package io.tollgate.router.service;

import io.tollgate.common.auth.AccessClass;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a replacement (PUT) left out and therefore keeps from the stored tenant. Reads never show a
 * literal password, so a client that read a tenant cannot send its passwords back; and a client
 * that predates per-class logins must not drop them by leaving them out.
 *
 * @param passwordRefs the access classes whose stored password reference is kept
 * @param classLogins  true when the reader and writer logins are kept as stored
 */
public record KeptFromStored(Set<AccessClass> passwordRefs, boolean classLogins) {
    /** Nothing is kept: the definition is taken as it is. */
    public static final KeptFromStored NOTHING = new KeptFromStored(Set.of(), false);

    public KeptFromStored {
        passwordRefs = passwordRefs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(passwordRefs));
    }
}
