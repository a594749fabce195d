package io.tollgate.flight.sql;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.FlightConstants;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.GetSessionOptionsRequest;
import org.apache.arrow.flight.RenewFlightEndpointRequest;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.sql.impl.FlightSql;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Recognises a Flight SQL command by its type URL. protobuf's {@code Any.is} and {@code Any.unpack}
 * look the type up by reflection on every call, and arrow-java's dispatch asks up to a dozen times
 * per call; the commands of every query (bind, describe, fetch; prepared or not) are picked out
 * here once instead.
 *
 * <p>Whatever else a client sends is checked here before arrow-java's dispatch sees it: bytes that
 * are no Any, an Any of a type Flight SQL does not define, a body that does not decode, an action
 * body that is not what its action takes. Each is the client's mistake, INVALID_ARGUMENT with a
 * text of ours; left to arrow-java, some become INTERNAL or carry protobuf's exception text.
 */
final class CommandTypes {
    private static final String PREFIX = "type.googleapis.com/";
    private static final Map<String, Descriptor> FLIGHT_SQL_TYPES = FlightSql.getDescriptor().getMessageTypes()
            .stream().collect(Collectors.toUnmodifiableMap(Descriptor::getFullName, Function.identity()));
    /** Flight SQL's actions and the Any-wrapped request each takes. */
    private static final Map<String, Descriptor> SQL_ACTION_REQUESTS = Map.of(
            "CreatePreparedStatement", FlightSql.ActionCreatePreparedStatementRequest.getDescriptor(),
            "ClosePreparedStatement", FlightSql.ActionClosePreparedStatementRequest.getDescriptor(),
            "CreatePreparedSubstraitPlan", FlightSql.ActionCreatePreparedSubstraitPlanRequest.getDescriptor(),
            "BeginTransaction", FlightSql.ActionBeginTransactionRequest.getDescriptor(),
            "EndTransaction", FlightSql.ActionEndTransactionRequest.getDescriptor(),
            "BeginSavepoint", FlightSql.ActionBeginSavepointRequest.getDescriptor(),
            "EndSavepoint", FlightSql.ActionEndSavepointRequest.getDescriptor(),
            "CancelQuery", FlightSql.ActionCancelQueryRequest.getDescriptor());

    /** Flight's own actions and how arrow-java reads each request (throwing when it cannot). */
    @FunctionalInterface
    private interface BodyReader {
        void read(ByteBuffer body) throws Exception;
    }

    private static final Map<String, BodyReader> FLIGHT_ACTION_REQUESTS = Map.of(
            FlightConstants.CANCEL_FLIGHT_INFO.getType(), CancelFlightInfoRequest::deserialize,
            FlightConstants.RENEW_FLIGHT_ENDPOINT.getType(), RenewFlightEndpointRequest::deserialize,
            FlightConstants.SET_SESSION_OPTIONS.getType(), SetSessionOptionsRequest::deserialize,
            FlightConstants.GET_SESSION_OPTIONS.getType(), GetSessionOptionsRequest::deserialize,
            FlightConstants.CLOSE_SESSION.getType(), CloseSessionRequest::deserialize);

    private CommandTypes() {
    }

    /** The bytes as an Any, or null when they are not one. */
    static Any parse(byte[] bytes) {
        try {
            return Any.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /**
     * The command's Flight SQL message name (e.g. {@code CommandStatementQuery}), or
     * {@code unknown}: a name from Flight SQL's closed list, never the caller's text, so it may tag
     * a metric.
     */
    static String nameOf(Any command) {
        String url = command.getTypeUrl();
        Descriptor type = FLIGHT_SQL_TYPES.get(url.substring(url.lastIndexOf('/') + 1));
        return type == null ? "unknown" : type.getName();
    }

    /** The action's type when Flight or Flight SQL defines it, else {@code unknown} (as {@link #nameOf(Any)}). */
    static String nameOf(Action action) {
        String type = action.getType();
        return SQL_ACTION_REQUESTS.containsKey(type) || FLIGHT_ACTION_REQUESTS.containsKey(type) ? type : "unknown";
    }

    /**
     * The parsed command, or INVALID_ARGUMENT naming what was malformed ({@code ticket} or
     * {@code command}).
     */
    static Any require(Any command, String what) {
        if (command == null) {
            throw malformed(what);
        }
        return command;
    }

    /**
     * Requires a command that none of the fast paths took to be a Flight SQL message whose body
     * decodes, before arrow-java's dispatch unpacks it; checks only, so the dispatch decides what
     * it serves.
     *
     * @throws FlightRuntimeException INVALID_ARGUMENT otherwise
     */
    static Any requireDecodable(Any command, String what) {
        String url = require(command, what).getTypeUrl();
        Descriptor type = FLIGHT_SQL_TYPES.get(url.substring(url.lastIndexOf('/') + 1));
        if (type == null) {
            throw CallStatus.INVALID_ARGUMENT.withDescription("unknown " + what + " type").toRuntimeException();
        }
        try {
            DynamicMessage.parseFrom(type, command.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw malformed(what);
        }
        return command;
    }

    /**
     * Requires an action's body to be the request its type takes, as arrow-java will read it;
     * actions of other types are left to the dispatch, which refuses them.
     *
     * @throws FlightRuntimeException INVALID_ARGUMENT otherwise
     */
    static void requireWellFormed(Action action) {
        String type = action.getType();
        byte[] body = action.getBody() == null ? new byte[0] : action.getBody();
        Descriptor sqlRequest = SQL_ACTION_REQUESTS.get(type);
        if (sqlRequest != null) {
            Any request = parse(body);
            String url = request == null ? "" : request.getTypeUrl();
            if (request == null || !url.substring(url.lastIndexOf('/') + 1).equals(sqlRequest.getFullName())) {
                throw malformed(type + " request");
            }
            try {
                DynamicMessage.parseFrom(sqlRequest, request.getValue());
            } catch (InvalidProtocolBufferException e) {
                throw malformed(type + " request");
            }
            return;
        }
        BodyReader flightRequest = FLIGHT_ACTION_REQUESTS.get(type);
        if (flightRequest != null) {
            try {
                flightRequest.read(ByteBuffer.wrap(body));
            } catch (Exception e) {
                throw malformed(type + " request");
            }
        }
    }

    private static FlightRuntimeException malformed(String what) {
        return CallStatus.INVALID_ARGUMENT.withDescription("malformed " + what).toRuntimeException();
    }

    /** The command as a {@code prototype}'s type, or null when it is of another type or does not decode. */
    static <T extends Message> T as(Any command, T prototype) {
        if (command == null) {
            return null;
        }
        String url = command.getTypeUrl();
        String name = prototype.getDescriptorForType().getFullName();
        if (url.length() != PREFIX.length() + name.length() || !url.startsWith(PREFIX) || !url.endsWith(name)) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            T parsed = (T) prototype.getParserForType().parseFrom(command.getValue());
            return parsed;
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }
}
