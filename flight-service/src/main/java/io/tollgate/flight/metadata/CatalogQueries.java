package io.tollgate.flight.metadata;

/**
 * The SQL of the catalog answers: PostgreSQL's own catalogs, read as the tenant's role, showing
 * only what that role may use (a schema it has USAGE on, a table it holds some privilege on), so
 * that tenants sharing a database see only their own objects. Every client value is a parameter,
 * bound once through the {@code p} row; patterns are SQL LIKE patterns (escape: backslash).
 */
final class CatalogQueries {
    private CatalogQueries() {
    }

    /** A relation the current role may use, in a schema it may use. {@code n}: pg_namespace, {@code c}: pg_class. */
    private static final String VISIBLE = """
            pg_catalog.has_schema_privilege(n.oid, 'USAGE')
            AND (pg_catalog.has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES')
                 OR pg_catalog.has_table_privilege(c.oid, 'DELETE, TRUNCATE, TRIGGER'))""";

    /** Other sessions' temporary schemas are nobody's business. */
    private static final String NOT_OTHERS_TEMP = """
            (n.nspname !~ '^pg_(toast_)?temp_' OR n.oid = pg_catalog.pg_my_temp_schema())
            AND n.nspname !~ '^pg_toast'""";

    static final String TABLE_TYPE = """
            CASE
              WHEN n.nspname IN ('pg_catalog', 'information_schema')
                THEN CASE WHEN c.relkind IN ('v', 'm') THEN 'SYSTEM VIEW' ELSE 'SYSTEM TABLE' END
              WHEN c.relpersistence = 't'
                THEN CASE WHEN c.relkind = 'v' THEN 'TEMPORARY VIEW' ELSE 'TEMPORARY TABLE' END
              WHEN c.relkind = 'r' THEN 'TABLE'
              WHEN c.relkind = 'p' THEN 'PARTITIONED TABLE'
              WHEN c.relkind = 'v' THEN 'VIEW'
              WHEN c.relkind = 'm' THEN 'MATERIALIZED VIEW'
              WHEN c.relkind = 'f' THEN 'FOREIGN TABLE'
            END""";

    static final String CATALOGS = "SELECT pg_catalog.current_database()";

    /** Parameters: catalog, schema pattern. */
    static final String SCHEMAS = """
            WITH p AS (SELECT CAST(? AS text) AS catalog, CAST(? AS text) AS schema_pattern)
            SELECT pg_catalog.current_database(), n.nspname
            FROM p CROSS JOIN pg_catalog.pg_namespace n
            WHERE (p.catalog IS NULL OR p.catalog = pg_catalog.current_database())
              AND (p.schema_pattern IS NULL OR n.nspname LIKE p.schema_pattern)
              AND pg_catalog.has_schema_privilege(n.oid, 'USAGE')
              AND %s
            ORDER BY n.nspname
            """.formatted(NOT_OTHERS_TEMP);

    /** Parameters: catalog, schema pattern, table pattern, table types (text[]). */
    static final String TABLES = """
            WITH p AS (SELECT CAST(? AS text) AS catalog, CAST(? AS text) AS schema_pattern,
                              CAST(? AS text) AS table_pattern, CAST(? AS text[]) AS types)
            SELECT t.catalog_name, t.schema_name, t.table_name, t.table_type, t.oid
            FROM p CROSS JOIN (
              SELECT pg_catalog.current_database() AS catalog_name, n.nspname AS schema_name,
                     c.relname AS table_name, %s AS table_type, c.oid
              FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND %s AND %s
            ) t
            WHERE (p.catalog IS NULL OR p.catalog = t.catalog_name)
              AND (p.schema_pattern IS NULL OR t.schema_name LIKE p.schema_pattern)
              AND (p.table_pattern IS NULL OR t.table_name LIKE p.table_pattern)
              AND (p.types IS NULL OR t.table_type = ANY (p.types))
            ORDER BY t.table_type, t.catalog_name, t.schema_name, t.table_name
            """.formatted(TABLE_TYPE, NOT_OTHERS_TEMP, VISIBLE);

    /**
     * The columns of some tables, in order. Domains are described by their base type, as query
     * results describe them. Parameter: the tables' oids (oid[]).
     */
    static final String COLUMNS = """
            SELECT a.attrelid, a.attname, a.attnotnull, a.attidentity <> '' AS identity,
                   COALESCE(pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false) AS serial,
                   CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END AS type_oid,
                   CASE WHEN t.typtype = 'd' AND a.atttypmod = -1 THEN t.typtypmod ELSE a.atttypmod END AS typmod,
                   pg_catalog.col_description(a.attrelid, a.attnum) AS remarks
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ANY (CAST(? AS oid[])) AND a.attnum > 0 AND NOT a.attisdropped
              AND pg_catalog.has_column_privilege(a.attrelid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES')
            ORDER BY a.attrelid, a.attnum
            """;

    /** Parameters: catalog, schema (exact), table (exact). */
    static final String PRIMARY_KEYS = """
            WITH p AS (SELECT CAST(? AS text) AS catalog, CAST(? AS text) AS schema_name, CAST(? AS text) AS table_name)
            SELECT pg_catalog.current_database(), n.nspname, c.relname, a.attname, k.ord, con.conname
            FROM p CROSS JOIN pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE con.contype = 'p'
              AND (p.catalog IS NULL OR p.catalog = pg_catalog.current_database())
              AND (p.schema_name IS NULL OR n.nspname = p.schema_name)
              AND c.relname = p.table_name
              AND %s
            ORDER BY n.nspname, c.relname, k.ord
            """.formatted(VISIBLE);

    private static final String RULE = """
            CASE %s WHEN 'c' THEN 0 WHEN 'r' THEN 1 WHEN 'n' THEN 2 WHEN 'a' THEN 3 WHEN 'd' THEN 4 END""";

    /**
     * Foreign key column pairs. Parameters: the primary-key side's catalog, schema, table, then
     * the foreign-key side's (exact names; null matches any). Append an ORDER BY.
     */
    static final String FOREIGN_KEYS = """
            WITH p AS (SELECT CAST(? AS text) AS pk_catalog, CAST(? AS text) AS pk_schema, CAST(? AS text) AS pk_table,
                              CAST(? AS text) AS fk_catalog, CAST(? AS text) AS fk_schema, CAST(? AS text) AS fk_table)
            SELECT pg_catalog.current_database() AS pk_catalog_name, pkn.nspname AS pk_schema_name,
                   pkc.relname AS pk_table_name, pka.attname AS pk_column_name,
                   pg_catalog.current_database() AS fk_catalog_name, fkn.nspname AS fk_schema_name,
                   fkc.relname AS fk_table_name, fka.attname AS fk_column_name,
                   k.ord AS key_sequence, con.conname AS fk_key_name, pki.relname AS pk_key_name,
                   %s AS update_rule, %s AS delete_rule
            FROM p CROSS JOIN pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class fkc ON fkc.oid = con.conrelid
            JOIN pg_catalog.pg_namespace fkn ON fkn.oid = fkc.relnamespace
            JOIN pg_catalog.pg_class pkc ON pkc.oid = con.confrelid
            JOIN pg_catalog.pg_namespace pkn ON pkn.oid = pkc.relnamespace
            LEFT JOIN pg_catalog.pg_class pki ON pki.oid = con.conindid
            CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(fk_attnum, pk_attnum, ord)
            JOIN pg_catalog.pg_attribute fka ON fka.attrelid = con.conrelid AND fka.attnum = k.fk_attnum
            JOIN pg_catalog.pg_attribute pka ON pka.attrelid = con.confrelid AND pka.attnum = k.pk_attnum
            WHERE con.contype = 'f'
              AND (p.pk_catalog IS NULL OR p.pk_catalog = pg_catalog.current_database())
              AND (p.pk_schema IS NULL OR pkn.nspname = p.pk_schema)
              AND (p.pk_table IS NULL OR pkc.relname = p.pk_table)
              AND (p.fk_catalog IS NULL OR p.fk_catalog = pg_catalog.current_database())
              AND (p.fk_schema IS NULL OR fkn.nspname = p.fk_schema)
              AND (p.fk_table IS NULL OR fkc.relname = p.fk_table)
              AND %s AND %s
            """.formatted(RULE.formatted("con.confupdtype"), RULE.formatted("con.confdeltype"),
            VISIBLE.replace("n.oid", "pkn.oid").replace("c.oid", "pkc.oid"),
            VISIBLE.replace("n.oid", "fkn.oid").replace("c.oid", "fkc.oid"));

    static final String BY_PRIMARY_KEY_TABLE =
            " ORDER BY pk_catalog_name, pk_schema_name, pk_table_name, fk_key_name, key_sequence";
    static final String BY_FOREIGN_KEY_TABLE =
            " ORDER BY fk_catalog_name, fk_schema_name, fk_table_name, fk_key_name, key_sequence";

    /** Data types the current role may use: base, enum, domain and range types, no arrays. */
    static final String TYPES = """
            SELECT t.oid, t.typname, t.typtype
            FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typisdefined AND t.typtype IN ('b', 'e', 'd', 'r', 'm') AND t.typcategory <> 'A'
              AND pg_catalog.has_schema_privilege(n.oid, 'USAGE') AND pg_catalog.has_type_privilege(t.oid, 'USAGE')
              AND %s
            """.formatted(NOT_OTHERS_TEMP);

    /** Parameter: the schema name. */
    static final String SCHEMA_USABLE = """
            SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
                           WHERE n.nspname = CAST(? AS text) AND pg_catalog.has_schema_privilege(n.oid, 'USAGE'))""";

    static final String SERVER = """
            SELECT pg_catalog.current_setting('server_version'),
                   CAST(pg_catalog.current_setting('max_identifier_length') AS int),
                   pg_catalog.current_setting('default_transaction_isolation'),
                   pg_catalog.current_database(), pg_catalog.current_schema(),
                   ARRAY(SELECT upper(word) FROM pg_catalog.pg_get_keywords() WHERE catcode IN ('R', 'T') ORDER BY 1)
            """;
}
