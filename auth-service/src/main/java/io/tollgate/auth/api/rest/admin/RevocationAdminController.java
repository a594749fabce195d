package io.tollgate.auth.api.rest.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.auth.api.rest.admin.AdminRequests.Revoke;
import io.tollgate.auth.api.rest.admin.AdminViews.RevocationView;
import io.tollgate.auth.service.admin.RevocationAdminService;

import java.util.List;

/** The revocation log: the newest entries, and new revocations of a token, subject or tenant. */
@Controller("/admin/v1/revocations")
@Secured({"platform-admin", "tenant-admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "revocations")
@SecurityRequirement(name = "bearer")
public class RevocationAdminController {
    private final RevocationAdminService revocations;
    private final AdminCallers callers;

    RevocationAdminController(RevocationAdminService revocations, AdminCallers callers) {
        this.revocations = revocations;
        this.callers = callers;
    }

    @Get
    @Operation(summary = "The newest revocations, newest first (a tenant-admin sees its tenant's)")
    public List<RevocationView> recent(@QueryValue(defaultValue = "100") int limit, Authentication caller,
                                       HttpRequest<?> request) {
        return revocations.recent(callers.of(caller, request), limit).stream().map(RevocationView::of).toList();
    }

    @Post
    @Operation(summary = "Revoke a token (by the token, or by jti for platform admins), a subject or a tenant")
    public MutableHttpResponse<RevocationView> revoke(@Body Revoke body, Authentication caller,
                                                      HttpRequest<?> request) {
        return HttpResponse.created(RevocationView.of(revocations.revoke(callers.of(caller, request), body.kind(),
                body.token(), body.tokenId(), body.subject(), body.tenantId(), body.reason())));
    }
}
