/**
 * Statements as services that know no wire: signed statement handles, queries streamed as Arrow
 * batches into a {@link io.tollgate.flight.statement.ResultSink} with the client's backpressure
 * and the answer-before-commit order, updates, cancelling and the statement watchdog, the audit
 * of each statement. Failures are typed exceptions for the adapter to map. Must not import
 * Flight's call types ({@code org.apache.arrow.flight}: statuses, listeners, call contexts,
 * streams) or the adapter; Arrow vectors and memory are its currency.
 */
package io.tollgate.flight.statement;
