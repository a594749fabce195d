package io.tollgate.router.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantPage;
import io.tollgate.router.service.TenantNotFoundException;
import io.tollgate.router.service.TenantRegistry;
import io.tollgate.router.service.TenantWriter;
import io.tollgate.router.service.backend.BackendCheck;
import io.tollgate.router.service.backend.BackendCheckReport;
import io.tollgate.router.service.backend.BackendProvisioner;
import io.tollgate.router.service.backend.ProvisioningReport;

import java.net.URI;

/**
 * The tenant registry's admin REST API, for platform admins only. Reads carry the tenant's
 * revision as ETag; writes must send it back in If-Match (428 without, 412 when stale), and are
 * recorded with the token's subject as their actor. Wire only: the services do the work.
 */
@Controller("/admin/v1/tenants")
@Secured("platform-admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tenants")
@SecurityRequirement(name = "bearer")
public class TenantAdminController {
    private static final String IF_MATCH = "If-Match";

    private final TenantRegistry registry;
    private final TenantWriter writer;
    private final BackendCheck check;
    private final BackendProvisioner provisioner;

    TenantAdminController(TenantRegistry registry, TenantWriter writer, BackendCheck check,
                          BackendProvisioner provisioner) {
        this.registry = registry;
        this.writer = writer;
        this.check = check;
        this.provisioner = provisioner;
    }

    @Post
    @Operation(summary = "Create a tenant")
    @ApiResponse(responseCode = "201", description = "Created; ETag is its revision")
    @ApiResponse(responseCode = "400", description = "Invalid tenant: application/problem+json naming each field")
    @ApiResponse(responseCode = "409", description = "A tenant with this id exists")
    public HttpResponse<TenantView> create(@Body TenantRequest body, Authentication caller) {
        Tenant created = writer.create(TenantRequestValidator.forCreate(body).definition(), caller.getName());
        return tagged(HttpResponse.created(TenantViews.of(created), URI.create("/admin/v1/tenants/" + created.id())),
                created);
    }

    @Get
    @Operation(summary = "List tenants, by id, a page at a time")
    public TenantPageView list(@QueryValue(defaultValue = "0") int pageSize, @Nullable @QueryValue String pageToken) {
        TenantPage page = registry.list(pageSize, pageToken);
        return new TenantPageView(page.tenants().stream().map(TenantViews::of).toList(), page.nextPageToken());
    }

    @Get("/{id}")
    @Operation(summary = "Read a tenant")
    public HttpResponse<TenantView> read(@PathVariable String id) {
        Tenant tenant = registry.resolve(id).orElseThrow(TenantNotFoundException::new);
        return tagged(HttpResponse.ok(TenantViews.of(tenant)), tenant);
    }

    @Put("/{id}")
    @Operation(summary = "Replace a tenant's definition (not its status); leave a password out to keep it, "
            + "and logins out to keep the class logins")
    @ApiResponse(responseCode = "200", description = "Replaced; ETag is the new revision")
    @ApiResponse(responseCode = "400", description = "Invalid tenant: application/problem+json naming each field")
    @ApiResponse(responseCode = "409", description = "The tenant is being deleted")
    @ApiResponse(responseCode = "412", description = "If-Match is stale: ETag carries the current revision")
    @ApiResponse(responseCode = "428", description = "If-Match is missing")
    public HttpResponse<TenantView> replace(@PathVariable String id, @Body TenantRequest body,
                                            @Parameter(required = true) @Nullable @Header(IF_MATCH) String ifMatch,
                                            Authentication caller) {
        var condition = EntityTags.ifMatch(ifMatch);
        var validated = TenantRequestValidator.forReplace(id, body);
        Tenant replaced = writer.replace(validated.definition(), validated.kept(), condition, caller.getName());
        return tagged(HttpResponse.ok(TenantViews.of(replaced)), replaced);
    }

    @Post("/{id}/suspend")
    @Operation(summary = "Suspend a tenant: the data services refuse it")
    public HttpResponse<TenantView> suspend(@PathVariable String id,
                                            @Parameter(required = true) @Nullable @Header(IF_MATCH) String ifMatch,
                                            Authentication caller) {
        Tenant tenant = writer.suspend(id, EntityTags.ifMatch(ifMatch), caller.getName());
        return tagged(HttpResponse.ok(TenantViews.of(tenant)), tenant);
    }

    @Post("/{id}/resume")
    @Operation(summary = "Resume a suspended tenant")
    public HttpResponse<TenantView> resume(@PathVariable String id,
                                           @Parameter(required = true) @Nullable @Header(IF_MATCH) String ifMatch,
                                           Authentication caller) {
        Tenant tenant = writer.resume(id, EntityTags.ifMatch(ifMatch), caller.getName());
        return tagged(HttpResponse.ok(TenantViews.of(tenant)), tenant);
    }

    @Delete("/{id}")
    @Operation(summary = "Delete a tenant: deleting (refused) at once, removed after the drain period")
    @ApiResponse(responseCode = "202", description = "Deleting; removed after tollgate.router.deletion.drain-period")
    @ApiResponse(responseCode = "412", description = "If-Match is stale")
    @ApiResponse(responseCode = "428", description = "If-Match is missing")
    public HttpResponse<TenantView> delete(@PathVariable String id,
                                           @Parameter(required = true) @Nullable @Header(IF_MATCH) String ifMatch,
                                           Authentication caller) {
        Tenant tenant = writer.requestDeletion(id, EntityTags.ifMatch(ifMatch), caller.getName());
        return tagged(HttpResponse.<TenantView>status(HttpStatus.ACCEPTED).body(TenantViews.of(tenant)), tenant);
    }

    @Get("/{id}/history")
    @Operation(summary = "The tenant's retained changes, oldest first")
    public HistoryView history(@PathVariable String id, @QueryValue(defaultValue = "0") long afterRevision,
                               @QueryValue(defaultValue = "0") int limit) {
        var changes = registry.history(id, afterRevision, limit);
        return TenantViews.history(id, changes, registry.effectiveHistoryLimit(limit));
    }

    @Post(value = "/{id}/check", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the tenant's SQL backend: reachable, login, database, row-level security")
    public BackendCheckReport check(@PathVariable String id) {
        return check.check(id);
    }

    @Post(value = "/{id}/provision", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a DEDICATED tenant's database and login role (when provisioning is configured)")
    @ApiResponse(responseCode = "200", description = "What was created, and a connectivity check")
    @ApiResponse(responseCode = "409", description = "Not a DEDICATED tenant, or not on the provisioning server")
    @ApiResponse(responseCode = "501", description = "Provisioning is not configured")
    public ProvisioningReport provision(@PathVariable String id, Authentication caller) {
        return provisioner.provision(id, caller.getName());
    }

    private static <T> MutableHttpResponse<T> tagged(MutableHttpResponse<T> response, Tenant tenant) {
        return response.header(HttpHeaders.ETAG, TenantViews.etag(tenant));
    }
}
