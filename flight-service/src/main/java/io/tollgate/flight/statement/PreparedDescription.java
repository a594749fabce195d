package io.tollgate.flight.statement;

import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a statement returns and what it takes, as PostgreSQL describes it before running it.
 *
 * @param dataset    the rows' schema; empty for statements that return no rows
 * @param parameters one field per placeholder
 */
public record PreparedDescription(Schema dataset, Schema parameters) {
}
