/**
 * connect-service's audit events, in common's shared form ({@code AuditLine}, logger
 * {@code io.tollgate.audit}): a line per operation call and ReleaseSession ({@code spark.call}), and a
 * line when a session starts and ends counting on this replica ({@code spark.session.start},
 * {@code spark.session.end}). Takes plain values (ids, names, kinds), never a request's text; knows
 * no gRPC call and imports no other package of this service.
 */
package io.tollgate.connect.audit;
