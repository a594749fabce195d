package io.tollgate.catalog.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.catalog.handler.TransactionService;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;

/** Iceberg REST multi-table commits: the wire only; {@link TransactionService} decides. */
// Iceberg's catalog calls block on PostgreSQL and storage: never on Netty's event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/v1/{prefix}/transactions")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class TransactionController {
    private final TransactionService transactions;
    private final IcebergJson json;

    public TransactionController(TransactionService transactions, IcebergJson json) {
        this.transactions = transactions;
        this.json = json;
    }

    @Post("/commit")
    public HttpResponse<Void> commit(Authentication caller, String prefix, @Body String body) {
        transactions.commit(Callers.of(caller), prefix, json.read(body, CommitTransactionRequest.class));
        return HttpResponse.noContent();
    }
}
