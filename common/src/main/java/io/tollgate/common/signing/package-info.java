/**
 * The one signing primitive ({@link io.tollgate.common.signing.Signer}: keyed MAC, constant-time
 * check, key from configuration or made at start-up) for every value a service hands out and
 * takes back. Owns no format: handles, tickets and ids are each service's own. Imports only the
 * JDK and slf4j; never a wire library or a service.
 */
package io.tollgate.common.signing;
