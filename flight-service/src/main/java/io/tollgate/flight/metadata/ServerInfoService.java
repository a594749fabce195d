package io.tollgate.flight.metadata;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.transaction.SqlSessions;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Reads {@link ServerInfo} from the principal's tenant backend. Knows nothing of Flight SQL's commands. */
@Singleton
public class ServerInfoService {
    private final SqlSessions sessions;

    public ServerInfoService(SqlSessions sessions) {
        this.sessions = sessions;
    }

    public ServerInfo serverInfo(Principal principal) throws SQLException {
        return sessions.run(principal, connection -> {
            DatabaseMetaData driver = connection.getMetaData();
            try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.SERVER);
                 ResultSet row = statement.executeQuery()) {
                row.next();
                Array keywords = row.getArray(6);
                try {
                    return new ServerInfo(row.getString(1), row.getInt(2), row.getString(3),
                            connection.isReadOnly(), List.of((String[]) keywords.getArray()),
                            split(driver.getNumericFunctions()), split(driver.getStringFunctions()),
                            split(driver.getSystemFunctions()), split(driver.getTimeDateFunctions()));
                } finally {
                    keywords.free();
                }
            }
        });
    }

    private static List<String> split(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
