package io.tollgate.router.service;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.tenant.TenantIds;
import io.tollgate.router.config.RouterConfig;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantChange;
import io.tollgate.router.domain.TenantPage;
import io.tollgate.router.persistence.TenantChangeRepository;
import io.tollgate.router.persistence.TenantRepository;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The tenant registry's reads: look-ups, pages and history. Writes are {@link TenantWriter}'s. */
@Singleton
public class TenantRegistry {
    private final TenantRepository repository;
    private final TenantChangeRepository changes;
    private final RouterConfig config;

    public TenantRegistry(TenantRepository repository, TenantChangeRepository changes, RouterConfig config) {
        this.repository = repository;
        this.changes = changes;
        this.config = config;
    }

    /** The tenant with this id; empty for unknown ids and for text that cannot be an id. */
    public Optional<Tenant> resolve(@Nullable String id) {
        // Anything that is not a slug is answered here, so it never reaches a query or a log.
        if (!TenantIds.isValid(id)) {
            return Optional.empty();
        }
        return repository.findById(id);
    }

    /**
     * One page of tenants ordered by id.
     *
     * @param pageSize 0 for the configured default; capped at the configured maximum
     * @param pageToken the previous page's next token, or empty (or null) for the first page
     * @throws InvalidPageRequestException for a negative size or a token we did not issue
     */
    public TenantPage list(int pageSize, @Nullable String pageToken) {
        int size = effectivePageSize(pageSize);
        String afterId = pageToken == null || pageToken.isEmpty() ? null : PageTokens.decode(pageToken);
        // One row more than asked tells whether another page follows, without a count.
        List<Tenant> found = repository.findPage(afterId, size + 1);
        if (found.size() <= size) {
            return new TenantPage(found, "");
        }
        List<Tenant> page = found.subList(0, size);
        return new TenantPage(page, PageTokens.encode(page.get(size - 1).id()));
    }

    /**
     * Up to {@code limit} retained changes of a tenant after a revision, oldest first: also of a
     * tenant since removed, until retention drops them.
     *
     * @throws TenantNotFoundException when the log holds nothing of such a tenant
     */
    public List<TenantChange> history(@Nullable String id, long afterRevision, int limit) {
        if (afterRevision < 0) {
            throw new InvalidPageRequestException("afterRevision must not be negative");
        }
        if (!TenantIds.isValid(id)) {
            throw new TenantNotFoundException();
        }
        int size = effectiveHistoryLimit(limit);
        List<TenantChange> changes = this.changes.history(id, afterRevision, size);
        if (changes.isEmpty() && afterRevision == 0 && repository.findById(id).isEmpty()) {
            throw new TenantNotFoundException();
        }
        return changes;
    }

    /** How many changes a history page holds when {@code requested} are asked for. */
    public int effectiveHistoryLimit(int requested) {
        return effectivePageSize(requested);
    }

    private int effectivePageSize(int requested) {
        if (requested < 0) {
            throw new InvalidPageRequestException("page size must not be negative");
        }
        if (requested == 0) {
            return Math.min(config.listPageSizeDefault(), config.listPageSizeMax());
        }
        return Math.min(requested, config.listPageSizeMax());
    }
}
