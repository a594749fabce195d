package io.tollgate.router.service.bootstrap;

import io.micronaut.json.JsonMapper;
import io.tollgate.router.domain.TenantDefinition;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a tenant bootstrap file:
 * <pre>{@code
 * {"tenants": [{"id": "acme", "displayName": "Acme Corp", "status": "active",
 *   "isolationMode": "DEDICATED", "jdbcUrl": "jdbc:postgresql://host:5432/db",
 *   "username": "acme_app", "password": "...",
 *   "logins": {"reader": {"username": "acme_reader", "password": "..."},
 *              "writer": {"username": "acme_writer", "password": "..."}},
 *   "labels": {"k": "v"},
 *   "contextVariables": [{"name": "tollgate.tenant_id", "source": "TENANT_ID"}],
 *   "quotas": {"maxConcurrentQueries": 8, "statementTimeoutMs": 30000, "maxResultRows": 0, "maxResultBytes": 0,
 *              "requestsPerSecond": 100, "commitsPerMinute": 60},
 *   "pool": {"maxConnections": 10, "minIdle": 0, "connectionTimeoutMs": 5000},
 *   "warehouses": [{"name": "acme-lake", "location": "file:///srv/warehouses/acme"},
 *                  {"name": "acme-s3", "location": "s3://bucket/acme",
 *                   "storage": {"s3": {"endpoint": "https://minio.example:9000", "region": "us-east-1",
 *                                      "pathStyleAccess": true, "accessKeyId": "...",
 *                                      "secretAccessKeyRef": "secret:lake/acme-s3#secret-key"}}}]}]}
 * }</pre>
 * Required: id, isolationMode, jdbcUrl, username, password (the owner login, which the admin access
 * class runs as). The rest defaults (logins: a class left out runs as the owner login; displayName to
 * the id, status to active, contextVariables to the tenant id variable, quotas to the service
 * defaults, pool to 10/0/5000 ms, no warehouses). A warehouse's secret key is given as
 * {@code secretAccessKey} (the key itself) or {@code secretAccessKeyRef}, as in the admin API.
 */
@Singleton
public class BootstrapFileParser {
    private final JsonMapper json;

    public BootstrapFileParser(JsonMapper json) {
        this.json = json;
    }

    public List<TenantDefinition> parse(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BootstrapFileException("tenant bootstrap file " + file + " does not exist");
        } catch (IOException e) {
            throw new BootstrapFileException("tenant bootstrap file " + file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return parse(new String(content, StandardCharsets.UTF_8));
        } catch (BootstrapFileException e) {
            throw new BootstrapFileException("tenant bootstrap file " + file + ": " + e.getMessage(), e.getCause());
        }
    }

    public List<TenantDefinition> parse(String content) {
        BootstrapFileJson.File file;
        try {
            file = json.readValue(content, BootstrapFileJson.File.class);
        } catch (IOException e) {
            // The deserializer's message names the offending property and position, never values.
            throw new BootstrapFileException("not a valid bootstrap document: " + e.getMessage(), e);
        }
        return BootstrapFileValidator.validate(file);
    }
}
