/**
 * The registry's logic: reads, writes under the registry lock with their change log, and the
 * resolution of a stored backend (password references, Service hosts) into one that can be used.
 */
package io.tollgate.router.service;
