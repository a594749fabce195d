/**
 * The registry's logic: reads, writes under the registry lock with their change log, and the
 * resolution of a stored backend (password references, Service hosts) into one that can be used.
 * Knows no wire: must not import {@code api}, gRPC or HTTP types.
 */
package io.tollgate.router.service;
