package io.tollgate.auth.service;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The bootstrap file: {@code {"accounts":[{"username":"reader@acme","password":"..","roles":["reader"]}]}}.
 *
 * @param accounts the accounts to create when absent
 */
@Serdeable
record BootstrapFile(@Nullable List<Entry> accounts) {

    /**
     * One account to create.
     *
     * @param username the account as {@code name@tenant}
     * @param password its initial password, in clear
     * @param roles    role wire names
     */
    @Serdeable
    record Entry(@Nullable String username, @Nullable String password, @Nullable List<String> roles) {

        @Override
        public String toString() {
            return "Entry[username=" + username + ", roles=" + roles + "]";
        }
    }
}
