/**
 * Spark Connect's requests as bytes: which RPCs exist and what each carries where, reading the few
 * top-level fields the gateway needs (session id, operation id, a clone's new session id, artifact
 * payload sizes; the kind of an ExecutePlan's plan, two levels deep, for the audit trail) and writing the same request back with the verified user's context (and a clone's
 * chosen id). Nothing else below the top level is parsed,
 * so a plan of any depth passes as it came (no protobuf recursion limit applies to it). Knows no
 * gRPC call, tenant or backend.
 */
package io.tollgate.connect.message;
