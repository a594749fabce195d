package io.tollgate.router.service.backend;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What provisioning did for a DEDICATED tenant, and the connectivity check run afterwards.
 *
 * @param databaseCreated false when the database existed already (it is then left as it is, apart
 *                        from who may connect to it and the class logins' grants)
 * @param role            the owner login, which the admin access class runs as
 * @param roleCreated     false when the role existed; its attributes and password were reset
 * @param classLogins     the reader and writer logins provisioned (those the tenant names)
 * @param sharedClasses   the access classes without a login of their own, which run as the owner
 *                        login (nothing to provision; the check reports it)
 */
@Serdeable
public record ProvisioningReport(String tenantId, String database, boolean databaseCreated, String role,
                                 boolean roleCreated, List<ClassLogin> classLogins, List<String> sharedClasses,
                                 BackendCheckReport check) {

    /** One class login: created, or found and reset. */
    @Serdeable
    public record ClassLogin(String accessClass, String role, boolean created) {
    }
}
