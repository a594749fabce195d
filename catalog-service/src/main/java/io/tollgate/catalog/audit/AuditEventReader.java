package io.tollgate.catalog.audit;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.tenant.TenantIds;
import jakarta.inject.Singleton;
import org.apache.iceberg.exceptions.BadRequestException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The audit trail as admins read it: a platform-admin any tenant's events (or every tenant's), a
 * tenant-admin only its own tenant's; anyone else nothing. Asking for another tenant is refused
 * alike whether that tenant exists or not. Pages are at most {@value #MAX_PAGE} events, newest
 * first, filtered by time range, namespace, table and subject.
 */
@Singleton
public class AuditEventReader {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final AuditEventStore store;

    public AuditEventReader(AuditEventStore store) {
        this.store = store;
    }

    /**
     * @param tenant    the tenant asked for, or null (a tenant-admin: its own; a platform-admin: all)
     * @param from      ISO-8601 instant, events at or after it, or null
     * @param to        ISO-8601 instant, events before it, or null
     * @param pageToken the previous page's next-page token, or null
     * @param pageSize  events per page (1 to 1000), or null for 100
     * @throws AuditAccessRefusedException when the viewer may not read these events
     * @throws BadRequestException         when a parameter is malformed
     */
    public AuditPage list(AuditViewer viewer, @Nullable String tenant, @Nullable String from, @Nullable String to,
                          @Nullable String namespace, @Nullable String table, @Nullable String subject,
                          @Nullable String pageToken, @Nullable String pageSize) {
        String tenantId = visibleTenant(viewer, blankToNull(tenant));
        int limit = pageSize(pageSize);
        List<AuditEvent> events = store.find(new AuditQuery(tenantId, instant("from", from), instant("to", to),
                blankToNull(namespace), blankToNull(table), blankToNull(subject), pageToken(pageToken), limit + 1));
        if (events.size() <= limit) {
            return new AuditPage(events, null);
        }
        List<AuditEvent> page = events.subList(0, limit);
        return new AuditPage(List.copyOf(page), Long.toString(page.get(limit - 1).id()));
    }

    private static String visibleTenant(AuditViewer viewer, @Nullable String tenant) {
        if (tenant != null && !TenantIds.isValid(tenant)) {
            throw new BadRequestException("tenant is not a tenant id");
        }
        if (viewer.platformAdmin()) {
            return tenant;
        }
        if (!viewer.tenantAdmin()) {
            throw new AuditAccessRefusedException("Reading audit events needs the tenant-admin or platform-admin role");
        }
        if (tenant != null && !tenant.equals(viewer.tenantId())) {
            throw new AuditAccessRefusedException("A tenant-admin reads its own tenant's audit events only");
        }
        return viewer.tenantId();
    }

    private static int pageSize(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_PAGE;
        }
        try {
            int size = Integer.parseInt(text);
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("pageSize must be a whole number from 1 to %d", MAX_PAGE);
    }

    @Nullable
    private static Long pageToken(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("pageToken is not a token this API gave");
    }

    @Nullable
    private static Instant instant(String name, @Nullable String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("%s must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z", name);
        }
    }

    @Nullable
    private static String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
