package io.tollgate.router.service.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What a connectivity check of a tenant's SQL backend found. Never holds the password: the
 * login is named by its user, failures by their kind.
 *
 * @param outcome  {@code ok}, {@code unresolvable} (password or host reference), {@code unreachable},
 *                 {@code bad-credentials}, {@code missing-database}, {@code problems} (connected, but
 *                 see {@code problems}) or {@code error}
 * @param login    the role the tenant logs in as, when the check got that far
 * @param rls      for SHARED_RLS tenants that connected: what tollgate.protection_status says
 * @param problems what is wrong, each with a code (e.g. {@code table-not-protected})
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackendCheckReport(String tenantId, boolean ok, String outcome, String message,
                                 String isolationMode, @Nullable Login login, @Nullable Rls rls,
                                 List<Finding> problems, String checkedAt) {

    @Serdeable
    public record Login(String username, boolean superuser, boolean bypassRls, @Nullable String serverVersion) {
    }

    @Serdeable
    public record Rls(boolean setupInstalled, List<TableProtection> protectedTables,
                      List<TableProtection> unprotectedTables) {
    }

    @Serdeable
    public record TableProtection(String schema, String table, boolean rlsEnabled, boolean rlsForced,
                                  boolean tenantPolicy) {
    }

    @Serdeable
    public record Finding(String code, String message) {
    }
}
