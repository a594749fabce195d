package io.tollgate.router.service.backend;

import io.tollgate.router.config.CheckConfig;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens short-lived connections to tenant backends (for checks and provisioning), each bounded by
 * the check timeout so that an unreachable host cannot hold an admin request for long.
 */
@Singleton
class BackendConnections {
    private final CheckConfig config;

    BackendConnections(CheckConfig config) {
        this.config = config;
    }

    Connection open(String jdbcUrl, String username, String password) throws SQLException {
        long seconds = Math.max(1, config.timeout().toSeconds());
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(seconds));
        properties.setProperty("loginTimeout", String.valueOf(seconds));
        properties.setProperty("socketTimeout", String.valueOf(seconds));
        properties.setProperty("ApplicationName", "tollgate-router");
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
