package io.tollgate.catalog.audit;

/**
 * Who reads the audit trail, as its verified token says.
 *
 * @param tenantId      its tenant
 * @param platformAdmin a platform-admin of the platform tenant: reads every tenant's events
 * @param tenantAdmin   a tenant-admin: reads its own tenant's events
 */
public record AuditViewer(String tenantId, boolean platformAdmin, boolean tenantAdmin) {
}
