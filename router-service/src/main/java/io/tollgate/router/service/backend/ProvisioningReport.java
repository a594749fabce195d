package io.tollgate.router.service.backend;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What provisioning did for a DEDICATED tenant, and the connectivity check run afterwards.
 *
 * @param databaseCreated false when the database existed already (it is then left as it is, apart
 *                        from who may connect to it)
 * @param roleCreated     false when the role existed; its attributes and password were reset
 */
@Serdeable
public record ProvisioningReport(String tenantId, String database, boolean databaseCreated, String role,
                                 boolean roleCreated, BackendCheckReport check) {
}
