package io.tollgate.flight.sql;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.config.TransactionConfig;
import io.tollgate.flight.metadata.ServerInfo;
import io.tollgate.flight.metadata.ServerInfoService;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlNullOrdering;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlOuterJoinsSupportLevel;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedElementActions;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedGroupBy;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedResultSetType;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedSubqueries;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedUnions;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlTransactionIsolationLevel;
import org.apache.arrow.flight.sql.impl.FlightSql.SupportedAnsi92SqlGrammarLevel;
import org.apache.arrow.flight.sql.impl.FlightSql.SupportedSqlGrammar;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Answers GetSqlInfo. Values describe what a client can actually do through Tollgate: the
 * backend-dependent ones (PostgreSQL's version, identifier length, key words, isolation) come from
 * the tenant's backend, read-only follows the caller's roles, and the rest states PostgreSQL's SQL
 * as seen through this gateway. Ids the server does not know are left out of the answer, as the
 * protocol allows.
 */
@Singleton
class SqlInfoCommand {
    private static final int MAX_COLUMNS_IN_TABLE = 1600;
    private static final int MAX_COLUMNS_IN_SELECT = 1664;
    private static final int MAX_COLUMNS_IN_INDEX = 32;
    private static final long MAX_ROW_SIZE = 1L << 30;

    private final ServerInfoService service;
    private final FlightConfig config;
    private final TransactionConfig transactions;
    private final BufferAllocator allocator;

    SqlInfoCommand(ServerInfoService service, FlightConfig config, TransactionConfig transactions,
                   BufferAllocator allocator) {
        this.service = service;
        this.config = config;
        this.transactions = transactions;
        this.allocator = allocator;
    }

    void stream(Principal principal, CommandGetSqlInfo command, ServerStreamListener listener) throws SQLException {
        Values values = values(service.serverInfo(principal));
        List<Integer> requested = command.getInfoCount() == 0 ? List.copyOf(values.ids)
                : command.getInfoList().stream().filter(values.ids::contains).toList();
        if (requested.isEmpty()) {
            try (BufferAllocator memory = allocator.newChildAllocator("sql-info", 0, 1 << 20);
                 VectorSchemaRoot empty = VectorSchemaRoot.create(Schemas.GET_SQL_INFO_SCHEMA, memory)) {
                listener.start(empty);
                listener.completed();
            }
            return;
        }
        values.builder.send(requested, listener);
    }

    private Values values(ServerInfo server) {
        Values v = new Values();
        v.put(SqlInfo.FLIGHT_SQL_SERVER_NAME, b -> b.withFlightSqlServerName("Tollgate"));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_VERSION, b -> b.withFlightSqlServerVersion(
                Versions.TOLLGATE + " (PostgreSQL " + server.postgresVersion() + ")"));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_ARROW_VERSION, b -> b.withFlightSqlServerArrowVersion(Versions.ARROW));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY, b -> b.withFlightSqlServerReadOnly(server.readOnly()));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_SQL, b -> b.withFlightSqlServerSql(true));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_SUBSTRAIT, b -> b.withFlightSqlServerSubstrait(false));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_TRANSACTION, b -> b.withFlightSqlServerTransaction(
                SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_TRANSACTION));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_CANCEL, b -> b.withFlightSqlServerCancel(true));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_BULK_INGESTION, b -> b.withFlightSqlServerBulkIngestion(true));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_INGEST_TRANSACTIONS_SUPPORTED,
                b -> b.withFlightSqlServerBulkIngestionTransaction(true));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_STATEMENT_TIMEOUT,
                b -> b.withFlightSqlServerStatementTimeout(millis(config.handleTtl().toMillis())));
        v.put(SqlInfo.FLIGHT_SQL_SERVER_TRANSACTION_TIMEOUT,
                b -> b.withFlightSqlServerTransactionTimeout(millis(transactions.idleTimeout().toMillis())));

        v.put(SqlInfo.SQL_DDL_CATALOG, b -> b.withSqlDdlCatalog(false));
        v.put(SqlInfo.SQL_DDL_SCHEMA, b -> b.withSqlDdlSchema(true));
        v.put(SqlInfo.SQL_DDL_TABLE, b -> b.withSqlDdlTable(true));
        v.put(SqlInfo.SQL_IDENTIFIER_CASE,
                b -> b.withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_LOWERCASE));
        v.put(SqlInfo.SQL_IDENTIFIER_QUOTE_CHAR, b -> b.withSqlIdentifierQuoteChar("\""));
        // Quoted identifiers are case-sensitive and kept as written; the protocol has no value for that.
        v.put(SqlInfo.SQL_QUOTED_IDENTIFIER_CASE,
                b -> b.withSqlQuotedIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_UNKNOWN));
        // A role need not hold SELECT on every table the catalog shows it.
        v.put(SqlInfo.SQL_ALL_TABLES_ARE_SELECTABLE, b -> b.withSqlAllTablesAreSelectable(false));
        v.put(SqlInfo.SQL_NULL_ORDERING, b -> b.withSqlNullOrdering(SqlNullOrdering.SQL_NULLS_SORTED_HIGH));
        v.put(SqlInfo.SQL_KEYWORDS, b -> b.withSqlKeywords(server.keywords().toArray(String[]::new)));
        v.put(SqlInfo.SQL_NUMERIC_FUNCTIONS,
                b -> b.withSqlNumericFunctions(server.numericFunctions().toArray(String[]::new)));
        v.put(SqlInfo.SQL_STRING_FUNCTIONS,
                b -> b.withSqlStringFunctions(server.stringFunctions().toArray(String[]::new)));
        v.put(SqlInfo.SQL_SYSTEM_FUNCTIONS,
                b -> b.withSqlSystemFunctions(server.systemFunctions().toArray(String[]::new)));
        v.put(SqlInfo.SQL_DATETIME_FUNCTIONS,
                b -> b.withSqlDatetimeFunctions(server.datetimeFunctions().toArray(String[]::new)));
        v.put(SqlInfo.SQL_SEARCH_STRING_ESCAPE, b -> b.withSqlSearchStringEscape("\\"));
        v.put(SqlInfo.SQL_EXTRA_NAME_CHARACTERS, b -> b.withSqlExtraNameCharacters(""));
        v.put(SqlInfo.SQL_SUPPORTS_CONVERT, b -> b.withSqlSupportsConvert(Conversions.CASTS));
        v.put(SqlInfo.SQL_SUPPORTS_COLUMN_ALIASING, b -> b.withSqlSupportsColumnAliasing(true));
        v.put(SqlInfo.SQL_NULL_PLUS_NULL_IS_NULL, b -> b.withSqlNullPlusNullIsNull(true));
        v.put(SqlInfo.SQL_SUPPORTS_TABLE_CORRELATION_NAMES, b -> b.withSqlSupportsTableCorrelationNames(true));
        v.put(SqlInfo.SQL_SUPPORTS_DIFFERENT_TABLE_CORRELATION_NAMES,
                b -> b.withSqlSupportsDifferentTableCorrelationNames(false));
        v.put(SqlInfo.SQL_SUPPORTS_EXPRESSIONS_IN_ORDER_BY, b -> b.withSqlSupportsExpressionsInOrderBy(true));
        v.put(SqlInfo.SQL_SUPPORTS_ORDER_BY_UNRELATED, b -> b.withSqlSupportsOrderByUnrelated(true));
        v.put(SqlInfo.SQL_SUPPORTED_GROUP_BY, b -> b.withSqlSupportedGroupBy(
                SqlSupportedGroupBy.SQL_GROUP_BY_UNRELATED, SqlSupportedGroupBy.SQL_GROUP_BY_BEYOND_SELECT));
        v.put(SqlInfo.SQL_SUPPORTS_LIKE_ESCAPE_CLAUSE, b -> b.withSqlSupportsLikeEscapeClause(true));
        v.put(SqlInfo.SQL_SUPPORTS_NON_NULLABLE_COLUMNS, b -> b.withSqlSupportsNonNullableColumns(true));
        v.put(SqlInfo.SQL_SUPPORTED_GRAMMAR, b -> b.withSqlSupportedGrammar(
                SupportedSqlGrammar.SQL_MINIMUM_GRAMMAR, SupportedSqlGrammar.SQL_CORE_GRAMMAR));
        v.put(SqlInfo.SQL_ANSI92_SUPPORTED_LEVEL,
                b -> b.withSqlAnsi92SupportedLevel(SupportedAnsi92SqlGrammarLevel.ANSI92_ENTRY_SQL));
        v.put(SqlInfo.SQL_SUPPORTS_INTEGRITY_ENHANCEMENT_FACILITY,
                b -> b.withSqlSupportsIntegrityEnhancementFacility(true));
        v.put(SqlInfo.SQL_OUTER_JOINS_SUPPORT_LEVEL,
                b -> b.withSqlOuterJoinSupportLevel(SqlOuterJoinsSupportLevel.SQL_FULL_OUTER_JOINS));
        v.put(SqlInfo.SQL_SCHEMA_TERM, b -> b.withSqlSchemaTerm("schema"));
        v.put(SqlInfo.SQL_PROCEDURE_TERM, b -> b.withSqlProcedureTerm("function"));
        v.put(SqlInfo.SQL_CATALOG_TERM, b -> b.withSqlCatalogTerm("database"));
        v.put(SqlInfo.SQL_CATALOG_AT_START, b -> b.withSqlCatalogAtStart(true));
        v.put(SqlInfo.SQL_SCHEMAS_SUPPORTED_ACTIONS, b -> b.withSqlSchemasSupportedActions(
                SqlSupportedElementActions.SQL_ELEMENT_IN_PROCEDURE_CALLS,
                SqlSupportedElementActions.SQL_ELEMENT_IN_INDEX_DEFINITIONS,
                SqlSupportedElementActions.SQL_ELEMENT_IN_PRIVILEGE_DEFINITIONS));
        // PostgreSQL cannot name another database in a statement.
        v.put(SqlInfo.SQL_CATALOGS_SUPPORTED_ACTIONS, b -> b.withSqlCatalogsSupportedActions());
        v.put(SqlInfo.SQL_SUPPORTED_POSITIONED_COMMANDS, b -> b.withSqlSupportedPositionedCommands());
        v.put(SqlInfo.SQL_SELECT_FOR_UPDATE_SUPPORTED, b -> b.withSqlSelectForUpdateSupported(true));
        v.put(SqlInfo.SQL_STORED_PROCEDURES_SUPPORTED, b -> b.withSqlStoredProceduresSupported(true));
        v.put(SqlInfo.SQL_SUPPORTED_SUBQUERIES, b -> b.withSqlSubQueriesSupported(
                SqlSupportedSubqueries.SQL_SUBQUERIES_IN_COMPARISONS, SqlSupportedSubqueries.SQL_SUBQUERIES_IN_EXISTS,
                SqlSupportedSubqueries.SQL_SUBQUERIES_IN_INS, SqlSupportedSubqueries.SQL_SUBQUERIES_IN_QUANTIFIEDS));
        v.put(SqlInfo.SQL_CORRELATED_SUBQUERIES_SUPPORTED, b -> b.withSqlCorrelatedSubqueriesSupported(true));
        v.put(SqlInfo.SQL_SUPPORTED_UNIONS,
                b -> b.withSqlSupportedUnions(SqlSupportedUnions.SQL_UNION, SqlSupportedUnions.SQL_UNION_ALL));
        int identifier = server.maxIdentifierLength();
        v.put(SqlInfo.SQL_MAX_COLUMN_NAME_LENGTH, b -> b.withSqlMaxColumnNameLength(identifier));
        v.put(SqlInfo.SQL_MAX_CURSOR_NAME_LENGTH, b -> b.withSqlMaxCursorNameLength(identifier));
        v.put(SqlInfo.SQL_DB_SCHEMA_NAME_LENGTH, b -> b.withSqlDbSchemaNameLength(identifier));
        v.put(SqlInfo.SQL_MAX_PROCEDURE_NAME_LENGTH, b -> b.withSqlMaxProcedureNameLength(identifier));
        v.put(SqlInfo.SQL_MAX_CATALOG_NAME_LENGTH, b -> b.withSqlMaxCatalogNameLength(identifier));
        v.put(SqlInfo.SQL_MAX_TABLE_NAME_LENGTH, b -> b.withSqlMaxTableNameLength(identifier));
        v.put(SqlInfo.SQL_MAX_USERNAME_LENGTH, b -> b.withSqlMaxUsernameLength(identifier));
        v.put(SqlInfo.SQL_MAX_COLUMNS_IN_TABLE, b -> b.withSqlMaxColumnsInTable(MAX_COLUMNS_IN_TABLE));
        v.put(SqlInfo.SQL_MAX_COLUMNS_IN_SELECT, b -> b.withSqlMaxColumnsInSelect(MAX_COLUMNS_IN_SELECT));
        v.put(SqlInfo.SQL_MAX_COLUMNS_IN_INDEX, b -> b.withSqlMaxColumnsInIndex(MAX_COLUMNS_IN_INDEX));
        v.put(SqlInfo.SQL_MAX_ROW_SIZE, b -> b.withSqlMaxRowSize(MAX_ROW_SIZE));
        v.put(SqlInfo.SQL_MAX_ROW_SIZE_INCLUDES_BLOBS, b -> b.withSqlMaxRowSizeIncludesBlobs(false));
        v.put(SqlInfo.SQL_MAX_STATEMENT_LENGTH, b -> b.withSqlMaxStatementLength(config.maxSqlLength()));
        v.put(SqlInfo.SQL_DEFAULT_TRANSACTION_ISOLATION,
                b -> b.withSqlDefaultTransactionIsolation(isolation(server.defaultIsolation()).getNumber()));
        v.put(SqlInfo.SQL_TRANSACTIONS_SUPPORTED, b -> b.withSqlTransactionsSupported(true));
        // The tenant context is bound first thing in every transaction, so a client's SET
        // TRANSACTION ISOLATION LEVEL always comes too late: only the default level is available.
        v.put(SqlInfo.SQL_SUPPORTED_TRANSACTIONS_ISOLATION_LEVELS,
                b -> b.withSqlSupportedTransactionsIsolationLevels(isolation(server.defaultIsolation())));
        v.put(SqlInfo.SQL_DATA_DEFINITION_CAUSES_TRANSACTION_COMMIT,
                b -> b.withSqlDataDefinitionCausesTransactionCommit(false));
        v.put(SqlInfo.SQL_DATA_DEFINITIONS_IN_TRANSACTIONS_IGNORED,
                b -> b.withSqlDataDefinitionsInTransactionsIgnored(false));
        v.put(SqlInfo.SQL_SUPPORTED_RESULT_SET_TYPES, b -> b.withSqlSupportedResultSetTypes(
                SqlSupportedResultSetType.SQL_RESULT_SET_TYPE_FORWARD_ONLY));
        v.put(SqlInfo.SQL_BATCH_UPDATES_SUPPORTED, b -> b.withSqlBatchUpdatesSupported(true));
        // SAVEPOINT statements inside a Flight SQL transaction (the savepoint actions are not offered).
        v.put(SqlInfo.SQL_SAVEPOINTS_SUPPORTED, b -> b.withSqlSavepointsSupported(true));
        v.put(SqlInfo.SQL_NAMED_PARAMETERS_SUPPORTED, b -> b.withSqlNamedParametersSupported(false));
        v.put(SqlInfo.SQL_LOCATORS_UPDATE_COPY, b -> b.withSqlLocatorsUpdateCopy(false));
        v.put(SqlInfo.SQL_STORED_FUNCTIONS_USING_CALL_SYNTAX_SUPPORTED,
                b -> b.withSqlStoredFunctionsUsingCallSyntaxSupported(true));
        return v;
    }

    private static SqlTransactionIsolationLevel isolation(String setting) {
        return switch (setting == null ? "" : setting) {
            case "read uncommitted" -> SqlTransactionIsolationLevel.SQL_TRANSACTION_READ_UNCOMMITTED;
            case "repeatable read" -> SqlTransactionIsolationLevel.SQL_TRANSACTION_REPEATABLE_READ;
            case "serializable" -> SqlTransactionIsolationLevel.SQL_TRANSACTION_SERIALIZABLE;
            default -> SqlTransactionIsolationLevel.SQL_TRANSACTION_READ_COMMITTED;
        };
    }

    private static int millis(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    /** A SqlInfoBuilder and the ids it has values for (the builder cannot tell). */
    private static final class Values {
        final SqlInfoBuilder builder = new SqlInfoBuilder();
        final Set<Integer> ids = new HashSet<>();
        final List<Integer> order = new ArrayList<>();

        void put(SqlInfo info, UnaryOperator<SqlInfoBuilder> value) {
            value.apply(builder);
            if (ids.add(info.getNumber())) {
                order.add(info.getNumber());
            }
        }
    }
}
