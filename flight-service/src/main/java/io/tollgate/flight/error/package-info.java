/**
 * flight-service's typed refusals that more than one package raises and the adapter maps (today:
 * a request the client got wrong). Imports nothing of the service, the wire or any library.
 */
package io.tollgate.flight.error;
