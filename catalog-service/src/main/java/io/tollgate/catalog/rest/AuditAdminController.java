package io.tollgate.catalog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.tollgate.catalog.audit.AuditEvent;
import io.tollgate.catalog.audit.AuditEventReader;
import io.tollgate.catalog.audit.AuditPage;
import io.tollgate.catalog.audit.AuditViewer;
import io.tollgate.common.auth.Role;
import io.tollgate.common.security.TollgateTokenValidator;
import io.tollgate.common.tenant.PlatformTenant;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/v1/audit/events}: the catalog's audit trail for admins, a page at a time
 * (newest first), filtered by {@code tenant}, time range ({@code from}, {@code to}: ISO-8601
 * instants), {@code namespace}, {@code table} and {@code subject}. {@link AuditEventReader}
 * decides who sees what; refusals are in Iceberg's error form like every other error here.
 */
@Controller("/admin/v1/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditAdminController {
    private final AuditEventReader reader;

    public AuditAdminController(AuditEventReader reader) {
        this.reader = reader;
    }

    @Get("/events")
    public EventPage events(Authentication caller, @Nullable @QueryValue String tenant,
                            @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                            @Nullable @QueryValue String namespace, @Nullable @QueryValue String table,
                            @Nullable @QueryValue String subject, @Nullable @QueryValue String pageToken,
                            @Nullable @QueryValue String pageSize) {
        AuditPage page = reader.list(viewer(caller), tenant, from, to, namespace, table, subject, pageToken, pageSize);
        return new EventPage(page.events().stream().map(EventView::of).toList(), page.nextPageToken());
    }

    private static AuditViewer viewer(Authentication caller) {
        String tenant = TollgateTokenValidator.tenantOf(caller);
        String tenantId = tenant == null ? "" : tenant;
        boolean platformAdmin = PlatformTenant.is(tenantId) && caller.getRoles().contains(Role.PLATFORM_ADMIN.wireName());
        boolean tenantAdmin = !PlatformTenant.is(tenantId) && caller.getRoles().contains(Role.TENANT_ADMIN.wireName());
        return new AuditViewer(tenantId, platformAdmin, tenantAdmin);
    }

    /** One page of events. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventPage(List<EventView> events, @Nullable String nextPageToken) {
    }

    /** One event as the API shows it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(long id, Instant time, String tenant, String subject, String operation, String warehouse,
                            String namespace, String table, @Nullable Long snapshotId, String outcome,
                            String requestId, String detail) {

        static EventView of(AuditEvent event) {
            return new EventView(event.id(), event.time(), event.tenantId(), event.subject(), event.operation(),
                    event.target().warehouse(), event.target().namespace(), event.target().table(),
                    event.snapshotId(), event.outcome().wireName(), event.requestId(), event.target().detail());
        }
    }
}
