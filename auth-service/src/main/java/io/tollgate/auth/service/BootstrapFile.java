package io.tollgate.auth.service;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The bootstrap file:
 * <pre>{@code
 * {"accounts":[{"username":"reader@acme","password":"..","roles":["reader"]}],
 *  "clients":[{"clientId":"etl@acme","secret":"..","tenantId":"acme","roles":["reader"],"scopes":["catalog","sql"]}]}
 * }</pre>
 *
 * @param accounts the accounts to create when absent
 * @param clients  the service clients to create when absent
 */
@Serdeable
record BootstrapFile(@Nullable List<Entry> accounts, @Nullable List<ClientEntry> clients) {

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

    /**
     * One service client to create.
     *
     * @param clientId its id, {@code name@tenant}; a bare name (as files written before ids were
     *                 namespaced by tenant give) makes {@code name@tenant} and keeps the bare name
     *                 usable as its id too
     * @param secret   its initial secret, in clear
     * @param tenantId the tenant it acts in
     * @param roles    role wire names
     * @param scopes   the scopes its tokens may carry
     */
    @Serdeable
    record ClientEntry(@Nullable String clientId, @Nullable String secret, @Nullable String tenantId,
                       @Nullable List<String> roles, @Nullable List<String> scopes) {

        @Override
        public String toString() {
            return "ClientEntry[clientId=" + clientId + ", tenantId=" + tenantId + ", roles=" + roles + ", scopes="
                    + scopes + "]";
        }
    }
}
