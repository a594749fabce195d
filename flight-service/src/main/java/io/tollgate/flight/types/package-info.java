/**
 * PostgreSQL and Arrow types, both ways: result schemas and column readers from JDBC metadata,
 * parameter schemas, Arrow values bound as PostgreSQL parameters, array literals. Pure
 * conversions with no state. Flight SQL's column metadata keys are schema vocabulary and allowed;
 * must not import Flight's call types or any other package of the service but {@code error}.
 */
package io.tollgate.flight.types;
