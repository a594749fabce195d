package io.tollgate.auth.api.rest.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.auth.api.rest.admin.AdminViews.RevocationView;
import io.tollgate.auth.api.rest.admin.AdminViews.SessionView;
import io.tollgate.auth.service.admin.SessionAdminService;

import java.util.List;

/** An account's sessions (refresh-token families): list, end one, end all. */
@Controller("/admin/v1/accounts/{username}/sessions")
@Secured({"platform-admin", "tenant-admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sessions")
@SecurityRequirement(name = "bearer")
public class SessionAdminController {
    private final SessionAdminService sessions;
    private final AdminCallers callers;

    SessionAdminController(SessionAdminService sessions, AdminCallers callers) {
        this.sessions = sessions;
        this.callers = callers;
    }

    @Get
    @Operation(summary = "The account's live sessions, newest first")
    public List<SessionView> list(@PathVariable String username, Authentication caller, HttpRequest<?> request) {
        return sessions.list(callers.of(caller, request), username).stream().map(SessionView::of).toList();
    }

    @Delete("/{sessionId}")
    @Operation(summary = "End one session and the access tokens it issued")
    public HttpResponse<Void> revoke(@PathVariable String username, @PathVariable String sessionId,
                                     Authentication caller, HttpRequest<?> request) {
        sessions.revoke(callers.of(caller, request), username, sessionId);
        return HttpResponse.noContent();
    }

    @Delete
    @Operation(summary = "End every session and access token of the account (a subject revocation)")
    public RevocationView revokeAll(@PathVariable String username, Authentication caller, HttpRequest<?> request) {
        return RevocationView.of(sessions.revokeAll(callers.of(caller, request), username));
    }
}
