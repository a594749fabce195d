package io.tollgate.flight.types;

import org.apache.arrow.adapter.jdbc.JdbcFieldInfo;

/**
 * A column or array element as arrow-jdbc's configuration takes it, with PostgreSQL's type name,
 * which arrow-jdbc's own constructors drop for anything not read from a result's metadata.
 */
final class PgFieldInfo extends JdbcFieldInfo {
    private final String typeName;

    PgFieldInfo(int jdbcType, int nullability, int precision, int scale, String typeName) {
        super(jdbcType, nullability, precision, scale);
        this.typeName = typeName;
    }

    @Override
    public String getTypeName() {
        return typeName;
    }
}
