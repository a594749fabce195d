/**
 * The admin operations behind {@code /admin/v1}: who may do what ({@link
 * io.tollgate.auth.service.admin.AdminPolicy}), input checks, and the changes to accounts, clients,
 * sessions and revocations, with their typed refusals. Knows no wire: must not import {@code api}
 * or HTTP types.
 */
package io.tollgate.auth.service.admin;
