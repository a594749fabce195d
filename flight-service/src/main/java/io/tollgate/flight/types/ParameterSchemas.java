package io.tollgate.flight.types;

import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The Arrow schema of a statement's parameters, from the types PostgreSQL inferred for them:
 * one nullable field per placeholder, named {@code $1}, {@code $2}, … in order.
 */
public final class ParameterSchemas {
    private ParameterSchemas() {
    }

    public static Schema schemaOf(ParameterMetaData metadata) throws SQLException {
        if (metadata == null || metadata.getParameterCount() == 0) {
            return new Schema(List.of());
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 1; i <= metadata.getParameterCount(); i++) {
            int jdbcType = metadata.getParameterType(i);
            String typeName = metadata.getParameterTypeName(i);
            ArrowType type = PgArrowTypes.forParameter(jdbcType, typeName);
            List<Field> children = null;
            if (type instanceof ArrowType.List) {
                ArrowType element = PgArrowTypes.forParameter(Types.OTHER, PgArrowTypes.elementTypeName(typeName));
                children = List.of(Field.nullable("item", element));
            }
            FieldType fieldType = new FieldType(true, type, null,
                    new FlightSqlColumnMetadata.Builder().typeName(typeName).build().getMetadataMap());
            fields.add(new Field("$" + i, fieldType, children));
        }
        return new Schema(fields);
    }
}
