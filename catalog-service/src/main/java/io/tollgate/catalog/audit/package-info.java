/**
 * The catalog's audit trail: every mutation is recorded once, through {@link
 * io.tollgate.catalog.audit.CatalogAudit} (the one place services call), as a line in the shared
 * audit form and a row of {@code audit_events} (kept for a configured age, then swept); admins
 * read their events through {@link io.tollgate.catalog.audit.AuditEventReader}. Knows no HTTP.
 */
package io.tollgate.catalog.audit;
