package io.tollgate.router.api.rest;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * One page of tenants, by id.
 *
 * @param nextPageToken pass as {@code pageToken} for the next page; empty on the last page
 */
@Serdeable
@Schema(name = "TenantPage")
public record TenantPageView(List<TenantView> tenants, String nextPageToken) {
}
