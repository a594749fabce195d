package io.tollgate.flight.sql;

import io.tollgate.flight.error.InvalidRequestException;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.ingest.IngestRequest;
import io.tollgate.flight.ingest.IngestService;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.memory.BufferAllocator;

import java.sql.SQLException;

/**
 * Bulk ingest on the wire: translates CommandStatementIngest into an {@link IngestRequest}. The
 * protocol's UNSPECIFIED table options are refused, as the protocol asks; no backend-specific
 * options are known.
 */
@Singleton
class IngestCommand {
    private final IngestService ingest;
    private final BufferAllocator allocator;

    IngestCommand(IngestService ingest, BufferAllocator allocator) {
        this.ingest = ingest;
        this.allocator = allocator;
    }

    void ingest(Principal principal, CommandStatementIngest command, FlightStream rows, StreamListener<PutResult> ack)
            throws SQLException {
        if (command.getOptionsCount() > 0) {
            throw new InvalidRequestException("unknown ingest options: " + command.getOptionsMap().keySet());
        }
        TableDefinitionOptions options = command.getTableDefinitionOptions();
        IngestRequest request = new IngestRequest(
                command.getTable(),
                command.hasSchema() ? command.getSchema() : null,
                command.hasCatalog() ? command.getCatalog() : null,
                command.getTemporary(),
                ifExists(options.getIfExists()),
                ifMissing(options.getIfNotExist()),
                FlightWire.bytes(command.hasTransactionId(), command.getTransactionId()));
        long written = ingest.ingest(principal, request, new FlightBatches(rows));
        FlightWire.replyPut(ack, allocator, DoPutUpdateResult.newBuilder().setRecordCount(written).build());
    }

    private static IngestRequest.IfExists ifExists(TableDefinitionOptions.TableExistsOption option) {
        return switch (option) {
            case TABLE_EXISTS_OPTION_FAIL -> IngestRequest.IfExists.FAIL;
            case TABLE_EXISTS_OPTION_APPEND -> IngestRequest.IfExists.APPEND;
            case TABLE_EXISTS_OPTION_REPLACE -> IngestRequest.IfExists.REPLACE;
            default -> throw new InvalidRequestException("table_definition_options.if_exists must be set");
        };
    }

    private static IngestRequest.IfMissing ifMissing(TableDefinitionOptions.TableNotExistOption option) {
        return switch (option) {
            case TABLE_NOT_EXIST_OPTION_CREATE -> IngestRequest.IfMissing.CREATE;
            case TABLE_NOT_EXIST_OPTION_FAIL -> IngestRequest.IfMissing.FAIL;
            default -> throw new InvalidRequestException("table_definition_options.if_not_exist must be set");
        };
    }
}
