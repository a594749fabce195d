package io.tollgate.router.service;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.tenant.TenantIds;
import io.tollgate.router.config.RouterConfig;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.TenantPage;
import io.tollgate.router.persistence.TenantRepository;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The tenant registry: look-ups, pages, and writes that each take a new revision. */
@Singleton
public class TenantRegistry {
    private final TenantRepository repository;
    private final RouterConfig config;

    public TenantRegistry(TenantRepository repository, RouterConfig config) {
        this.repository = repository;
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

    /** Creates or replaces a tenant at a new revision. */
    public Tenant upsert(TenantDefinition tenant) {
        requireValidId(tenant);
        return repository.upsert(tenant);
    }

    /** Creates a tenant at a new revision unless it exists; empty (and nothing changed) when it does. */
    public Optional<Tenant> createIfAbsent(TenantDefinition tenant) {
        requireValidId(tenant);
        return repository.insertIfAbsent(tenant);
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

    private static void requireValidId(TenantDefinition tenant) {
        if (!TenantIds.isValid(tenant.id())) {
            throw new IllegalArgumentException("invalid tenant id");
        }
    }
}
