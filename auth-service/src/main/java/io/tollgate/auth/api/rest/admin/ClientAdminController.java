package io.tollgate.auth.api.rest.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.auth.api.rest.admin.AdminRequests.CreateClient;
import io.tollgate.auth.api.rest.admin.AdminViews.ClientPageView;
import io.tollgate.auth.api.rest.admin.AdminViews.ClientView;
import io.tollgate.auth.api.rest.admin.AdminViews.ClientWithSecretView;
import io.tollgate.auth.domain.ClientStatus;
import io.tollgate.auth.domain.Listing;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.auth.service.admin.ClientAdminService;
import io.tollgate.auth.service.admin.CreatedSecret;

import java.net.URI;

/** Service clients: create (secret shown once), list, get, disable, enable, rotate the secret. */
@Controller("/admin/v1/clients")
@Secured({"platform-admin", "tenant-admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "clients")
@SecurityRequirement(name = "bearer")
public class ClientAdminController {
    private final ClientAdminService clients;
    private final AdminCallers callers;

    ClientAdminController(ClientAdminService clients, AdminCallers callers) {
        this.clients = clients;
        this.callers = callers;
    }

    @Post
    @Operation(summary = "Create a service client; its generated secret is returned this once")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "A client or account of this name exists in the tenant "
            + "(ids are name@tenant: other tenants' clients never make a name taken)")
    public MutableHttpResponse<ClientWithSecretView> create(@Body CreateClient body, Authentication caller,
                                                            HttpRequest<?> request) {
        CreatedSecret<ServiceClient> created = clients.create(callers.of(caller, request), body.clientId(),
                body.tenantId(), body.roles(), body.scopes());
        return HttpResponse.created(withSecret(created), URI.create("/admin/v1/clients/" + created.value().clientId()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get
    @Operation(summary = "List clients by tenant and id; platform admins may leave out the tenant")
    public ClientPageView list(@Nullable @QueryValue String tenant, @QueryValue(defaultValue = "0") int page,
                               @QueryValue(defaultValue = "50") int size, Authentication caller,
                               HttpRequest<?> request) {
        Listing<ServiceClient> listing = clients.list(callers.of(caller, request), tenant, page, size);
        return new ClientPageView(listing.items().stream().map(ClientView::of).toList(), page, size,
                listing.total());
    }

    @Get("/{clientId}")
    @Operation(summary = "One client")
    public ClientView get(@PathVariable String clientId, Authentication caller, HttpRequest<?> request) {
        return ClientView.of(clients.get(callers.of(caller, request), clientId));
    }

    @Post("/{clientId}/disable")
    @Operation(summary = "Disable a client; its tokens are revoked")
    public ClientView disable(@PathVariable String clientId, Authentication caller, HttpRequest<?> request) {
        return ClientView.of(clients.setStatus(callers.of(caller, request), clientId, ClientStatus.DISABLED));
    }

    @Post("/{clientId}/enable")
    @Operation(summary = "Enable a client")
    public ClientView enable(@PathVariable String clientId, Authentication caller, HttpRequest<?> request) {
        return ClientView.of(clients.setStatus(callers.of(caller, request), clientId, ClientStatus.ACTIVE));
    }

    @Post("/{clientId}/secret")
    @Operation(summary = "Rotate the secret: a new one is returned this once; the old one and its tokens stop working")
    public MutableHttpResponse<ClientWithSecretView> rotateSecret(@PathVariable String clientId,
                                                                  Authentication caller, HttpRequest<?> request) {
        return HttpResponse.ok(withSecret(clients.rotateSecret(callers.of(caller, request), clientId)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static ClientWithSecretView withSecret(CreatedSecret<ServiceClient> created) {
        return new ClientWithSecretView(ClientView.of(created.value()), created.generated());
    }
}
