package io.tollgate.testkit.suite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ready-to-paste settings that point an Iceberg client at a demo tenant's warehouse: Iceberg Java
 * catalog properties, the same as Spark {@code spark.sql.catalog.<name>.*} lines, and a PyIceberg
 * {@code .pyiceberg.yaml} entry. The client authenticates with the tenant's OAuth2 client
 * ({@code credential=id:secret}, client_credentials with scope {@code catalog}), fetching its token
 * from auth-service's token endpoint ({@code oauth2-server-uri}).
 *
 * @param catalogName       the name the client gives the catalog (the tenant's id)
 * @param catalogUri        catalog-service's base URI
 * @param warehouse         the tenant's warehouse name
 * @param credential        {@code clientId:secret}
 * @param tokenEndpoint     auth-service's OAuth2 token endpoint
 */
public record CatalogClientSettings(String catalogName, String catalogUri, String warehouse, String credential,
                                    String tokenEndpoint) {

    /** The Iceberg catalog properties every client takes, in the order a reader expects them. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("uri", catalogUri);
        properties.put("warehouse", warehouse);
        properties.put("credential", credential);
        properties.put("scope", "catalog");
        properties.put("oauth2-server-uri", tokenEndpoint);
        return properties;
    }

    /**
     * The properties for Iceberg's Java client (and Spark, which hands them to it): also the
     * authentication type, which the client would otherwise infer, with a warning.
     */
    public Map<String, String> javaClientProperties() {
        Map<String, String> properties = properties();
        properties.put("rest.auth.type", "oauth2");
        return properties;
    }

    /** {@code key=value} lines, as Iceberg's Java client (or a catalog properties file) takes them. */
    public String javaProperties() {
        StringBuilder lines = new StringBuilder();
        javaClientProperties().forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        return lines.toString();
    }

    /** Spark's catalog settings (spark-defaults.conf, or {@code --conf} each). */
    public String sparkProperties() {
        String prefix = "spark.sql.catalog." + catalogName;
        StringBuilder lines = new StringBuilder();
        lines.append(prefix).append("=org.apache.iceberg.spark.SparkCatalog\n");
        lines.append(prefix).append(".type=rest\n");
        javaClientProperties().forEach((key, value) -> lines.append(prefix).append('.').append(key).append('=')
                .append(value).append('\n'));
        return lines.toString();
    }

    /** PyIceberg's {@code .pyiceberg.yaml} entry for this catalog (values quoted: secrets may hold any character). */
    public String pyIcebergYaml() {
        StringBuilder yaml = new StringBuilder("catalog:\n  ").append(catalogName).append(":\n");
        properties().forEach((key, value) -> yaml.append("    ").append(key).append(": \"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        return yaml.toString();
    }
}
