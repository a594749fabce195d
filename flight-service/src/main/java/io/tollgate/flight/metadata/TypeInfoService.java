package io.tollgate.flight.metadata;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.transaction.SqlSessions;
import jakarta.inject.Singleton;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TypeInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The data types of the tenant's backend that its role may use, with the JDBC codes pgjdbc gives
 * them (which are the XDBC codes Flight SQL uses). Knows nothing of Flight SQL's commands.
 */
@Singleton
public class TypeInfoService {
    private static final Set<Integer> NUMERIC = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL);
    private static final Set<Integer> UNQUOTED = Set.of(Types.BIT, Types.BOOLEAN);

    private final SqlSessions sessions;

    public TypeInfoService(SqlSessions sessions) {
        this.sessions = sessions;
    }

    /** @param dataType only types with this JDBC code, or null for all */
    public List<TypeInfoRow> types(Principal principal, Integer dataType) throws SQLException {
        return sessions.run(principal, connection -> {
            TypeInfo types = connection.unwrap(BaseConnection.class).getTypeInfo();
            List<TypeInfoRow> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.TYPES);
                 ResultSet found = statement.executeQuery()) {
                while (found.next()) {
                    int oid = types.longOidToInt(found.getLong(1));
                    String name = found.getString(2);
                    int jdbcType = types.getSQLType(oid);
                    if (dataType == null || dataType == jdbcType) {
                        rows.add(describe(types, oid, name, jdbcType));
                    }
                }
            }
            rows.sort(Comparator.comparingInt(TypeInfoRow::dataType).thenComparing(TypeInfoRow::typeName));
            return rows;
        });
    }

    private static TypeInfoRow describe(TypeInfo types, int oid, String name, int jdbcType) {
        boolean numeric = NUMERIC.contains(jdbcType);
        boolean quoted = !numeric && !UNQUOTED.contains(jdbcType) && !"money".equals(name);
        int maxPrecision = types.getMaximumPrecision(oid);
        return new TypeInfoRow(
                name,
                jdbcType,
                maxPrecision > 0 ? maxPrecision : null,
                quoted ? "'" : null,
                quoted ? "'" : null,
                createParams(name),
                types.isCaseSensitive(oid),
                numeric ? !types.isSigned(oid) : null,
                "money".equals(name),
                scaleRange(name, true),
                scaleRange(name, false),
                numeric ? 10 : null);
    }

    private static List<String> createParams(String name) {
        return switch (name) {
            case "numeric" -> List.of("precision", "scale");
            case "varchar", "bpchar", "bit", "varbit" -> List.of("length");
            case "time", "timetz", "timestamp", "timestamptz", "interval" -> List.of("precision");
            default -> null;
        };
    }

    private static Integer scaleRange(String name, boolean minimum) {
        return switch (name) {
            case "numeric" -> minimum ? 0 : 1000;
            case "time", "timetz", "timestamp", "timestamptz", "interval" -> minimum ? 0 : 6;
            default -> null;
        };
    }
}
