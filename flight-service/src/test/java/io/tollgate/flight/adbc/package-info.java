/**
 * flight-service through ADBC's Flight SQL driver (a real, separate client stack), on a class
 * path of its own.
 */
package io.tollgate.flight.adbc;
