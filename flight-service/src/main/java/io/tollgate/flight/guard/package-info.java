/**
 * What a tenant's SQL text may be before it reaches PostgreSQL: a lexer that knows PostgreSQL's
 * comments, quoting, dollar quotes and escape strings ({@link io.tollgate.flight.guard.SqlLexer}),
 * a classifier that names what one statement does ({@link io.tollgate.flight.guard.StatementClassifier}),
 * and the allow-list per access class and isolation mode ({@link io.tollgate.flight.guard.StatementPolicy}).
 * Classification is one layer: privileges of the login, the gateway's limits and the connection
 * reset hold even for SQL it could not see (dynamic SQL in functions). Must not import Flight's
 * types, the adapter, statements or transactions: it judges text, it runs nothing.
 */
package io.tollgate.flight.guard;
