package io.tollgate.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;

/**
 * The {@code tollgate.router.provisioning.*} settings: an admin login to the PostgreSQL server that
 * holds DEDICATED tenants' databases. Provisioning exists only when {@code jdbc-url} is set.
 *
 * @param jdbcUrl     a maintenance database on that server, e.g. jdbc:postgresql://pg:5432/postgres
 * @param username    a role with CREATEDB and CREATEROLE (or a superuser)
 * @param passwordRef its password, as a reference: literal:... or secret:ns/name#key
 */
@ConfigurationProperties("tollgate.router.provisioning")
@Requires(property = "tollgate.router.provisioning.jdbc-url")
public record ProvisioningConfig(String jdbcUrl, String username, String passwordRef) {
    @Override
    public String toString() {
        return "ProvisioningConfig[jdbcUrl=" + jdbcUrl + ", username=" + username + ", passwordRef=***]";
    }
}
