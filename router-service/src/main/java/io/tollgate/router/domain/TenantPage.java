package io.tollgate.router.domain;

import java.util.List;

/**
 * One page of tenants, ordered by id.
 *
 * @param nextPageToken empty on the last page
 */
public record TenantPage(List<Tenant> tenants, String nextPageToken) {
    public TenantPage {
        tenants = List.copyOf(tenants);
    }
}
