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
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.auth.api.rest.admin.AdminRequests.CreateAccount;
import io.tollgate.auth.api.rest.admin.AdminRequests.ResetPassword;
import io.tollgate.auth.api.rest.admin.AdminRequests.SetRoles;
import io.tollgate.auth.api.rest.admin.AdminViews.AccountPageView;
import io.tollgate.auth.api.rest.admin.AdminViews.AccountView;
import io.tollgate.auth.api.rest.admin.AdminViews.AccountWithPasswordView;
import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.AccountStatus;
import io.tollgate.auth.domain.Listing;
import io.tollgate.auth.service.admin.AccountAdminService;
import io.tollgate.auth.service.admin.CreatedSecret;

import java.net.URI;

/**
 * Accounts, for platform and tenant administrators (a tenant-admin sees its tenant only; anything
 * else is 404). Wire only: {@link AccountAdminService} decides.
 */
@Controller("/admin/v1/accounts")
@Secured({"platform-admin", "tenant-admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "accounts")
@SecurityRequirement(name = "bearer")
public class AccountAdminController {
    private final AccountAdminService accounts;
    private final AdminCallers callers;

    AccountAdminController(AccountAdminService accounts, AdminCallers callers) {
        this.accounts = accounts;
        this.callers = callers;
    }

    @Post
    @Operation(summary = "Create an account; a generated password is returned this once")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "A field is missing or malformed (problem+json naming it)")
    @ApiResponse(responseCode = "403", description = "A role above the caller's own")
    @ApiResponse(responseCode = "409", description = "The account exists")
    public MutableHttpResponse<AccountWithPasswordView> create(@Body CreateAccount body, Authentication caller,
                                                               HttpRequest<?> request) {
        CreatedSecret<Account> created = accounts.create(callers.of(caller, request), body.username(),
                body.password(), body.roles());
        return HttpResponse.created(withPassword(created),
                        URI.create("/admin/v1/accounts/" + created.value().name()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get
    @Operation(summary = "List accounts by tenant and name; platform admins may leave out the tenant")
    public AccountPageView list(@Nullable @QueryValue String tenant, @QueryValue(defaultValue = "0") int page,
                                @QueryValue(defaultValue = "50") int size, Authentication caller,
                                HttpRequest<?> request) {
        Listing<Account> listing = accounts.list(callers.of(caller, request), tenant, page, size);
        return new AccountPageView(listing.items().stream().map(AccountView::of).toList(), page, size,
                listing.total());
    }

    @Get("/{username}")
    @Operation(summary = "One account")
    @ApiResponse(responseCode = "404", description = "No such account in a tenant the caller administers")
    public AccountView get(@PathVariable String username, Authentication caller, HttpRequest<?> request) {
        return AccountView.of(accounts.get(callers.of(caller, request), username));
    }

    @Post("/{username}/disable")
    @Operation(summary = "Disable an account; its tokens and sessions are revoked")
    public AccountView disable(@PathVariable String username, Authentication caller, HttpRequest<?> request) {
        return AccountView.of(accounts.setStatus(callers.of(caller, request), username, AccountStatus.DISABLED));
    }

    @Post("/{username}/enable")
    @Operation(summary = "Enable an account")
    public AccountView enable(@PathVariable String username, Authentication caller, HttpRequest<?> request) {
        return AccountView.of(accounts.setStatus(callers.of(caller, request), username, AccountStatus.ACTIVE));
    }

    @Post("/{username}/password")
    @Operation(summary = "Reset the password (given, or generated and returned this once); lifts a lock-out "
            + "and revokes the account's tokens and sessions")
    public MutableHttpResponse<AccountWithPasswordView> resetPassword(@PathVariable String username,
                                                                      @Body ResetPassword body,
                                                                      Authentication caller,
                                                                      HttpRequest<?> request) {
        CreatedSecret<Account> reset = accounts.resetPassword(callers.of(caller, request), username,
                body.password());
        return HttpResponse.ok(withPassword(reset)).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Put("/{username}/roles")
    @Operation(summary = "Replace the roles; tokens with the old ones are revoked")
    public AccountView setRoles(@PathVariable String username, @Body SetRoles body, Authentication caller,
                                HttpRequest<?> request) {
        return AccountView.of(accounts.setRoles(callers.of(caller, request), username, body.roles()));
    }

    private static AccountWithPasswordView withPassword(CreatedSecret<Account> created) {
        return new AccountWithPasswordView(AccountView.of(created.value()), created.generated());
    }
}
