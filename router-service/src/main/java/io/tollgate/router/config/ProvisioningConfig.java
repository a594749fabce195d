package io.tollgate.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The {@code tollgate.router.provisioning.*} settings: an admin login to the PostgreSQL server that
 * holds DEDICATED tenants' databases. Provisioning exists only when {@code jdbc-url} is set.
 *
 * @param jdbcUrl                        a maintenance database on that server, e.g. jdbc:postgresql://pg:5432/postgres
 * @param username                       a role with CREATEDB and CREATEROLE (or a superuser)
 * @param passwordRef                    its password, as a reference: literal:... or secret:ns/name#key
 * @param lockTimeout                    the {@code lock_timeout} every tenant login gets as its role default
 * @param idleInTransactionSessionTimeout the {@code idle_in_transaction_session_timeout} every tenant
 *                                       login gets as its role default
 * @param reassertInterval               how often, at most, one tenant's logins are re-asserted after
 *                                       a data service reports a refused login
 */
@ConfigurationProperties("tollgate.router.provisioning")
@Requires(property = "tollgate.router.provisioning.jdbc-url")
public record ProvisioningConfig(String jdbcUrl, String username, String passwordRef,
                                 @Bindable(defaultValue = "5s") Duration lockTimeout,
                                 @Bindable(defaultValue = "30s") Duration idleInTransactionSessionTimeout,
                                 @Bindable(defaultValue = "10s") Duration reassertInterval) {
    @Override
    public String toString() {
        return "ProvisioningConfig[jdbcUrl=" + jdbcUrl + ", username=" + username + ", passwordRef=***]";
    }
}
