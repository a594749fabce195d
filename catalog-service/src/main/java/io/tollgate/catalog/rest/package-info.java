/**
 * The Iceberg REST wire: controllers, the scope and idempotency-key filters and the mapping of
 * refusals to Iceberg's error form. Thin: who the caller is comes from common's token validator, whether its tenant is
 * served from common's tenant gate. Nothing below this package may import it.
 */
package io.tollgate.catalog.rest;
