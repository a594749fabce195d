package io.tollgate.auth.service;

import io.tollgate.auth.config.AuthConfig;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Set;

/** The scopes tokens may carry: all of {@code tollgate.auth.default-scopes} for accounts. */
@Singleton
public class AccessScopes {
    private final Set<String> accountScopes;

    public AccessScopes(AuthConfig config) {
        this.accountScopes = Set.copyOf(new LinkedHashSet<>(config.defaultScopes()));
    }

    /** What an account's token may carry. */
    public Set<String> forAccounts() {
        return accountScopes;
    }
}
