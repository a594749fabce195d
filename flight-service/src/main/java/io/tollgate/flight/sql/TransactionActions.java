package io.tollgate.flight.sql;

import io.tollgate.flight.error.InvalidRequestException;
import com.google.protobuf.ByteString;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.transaction.TransactionService;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionBeginTransactionResult;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionEndTransactionRequest;

import java.sql.SQLException;

/** BeginTransaction and EndTransaction on the wire. */
@Singleton
class TransactionActions {
    private final TransactionService transactions;

    TransactionActions(TransactionService transactions) {
        this.transactions = transactions;
    }

    void begin(Principal principal, StreamListener<ActionBeginTransactionResult> listener) throws SQLException {
        byte[] id = transactions.begin(principal);
        listener.onNext(ActionBeginTransactionResult.newBuilder().setTransactionId(ByteString.copyFrom(id)).build());
        listener.onCompleted();
    }

    void end(Principal principal, ActionEndTransactionRequest request, StreamListener<Result> listener)
            throws SQLException {
        byte[] id = request.getTransactionId().toByteArray();
        switch (request.getAction()) {
            case END_TRANSACTION_COMMIT -> transactions.commit(principal, id);
            case END_TRANSACTION_ROLLBACK -> transactions.rollback(principal, id);
            default -> throw new InvalidRequestException("EndTransaction needs an action: commit or rollback");
        }
        listener.onCompleted();
    }
}
