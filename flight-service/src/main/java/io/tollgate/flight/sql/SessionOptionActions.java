package io.tollgate.flight.sql;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.metadata.SessionOptionsService;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.GetSessionOptionsResult;
import org.apache.arrow.flight.NoOpSessionOptionValueVisitor;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.SessionOptionValueFactory;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session options on the wire. Replicas keep no sessions: SetSessionOptions validates and answers
 * per option, GetSessionOptions reports what calls run with, CloseSession has nothing to release.
 * See {@link SessionOptionsService} for what is honoured.
 */
@Singleton
class SessionOptionActions {
    private final SessionOptionsService options;

    SessionOptionActions(SessionOptionsService options) {
        this.options = options;
    }

    void set(Principal principal, SetSessionOptionsRequest request, StreamListener<SetSessionOptionsResult> listener)
            throws SQLException {
        Map<String, SetSessionOptionsResult.Error> errors = new LinkedHashMap<>();
        Map<String, String> strings = new LinkedHashMap<>();
        request.getSessionOptions().forEach((name, value) -> {
            String text = asString(value);
            if (text == null) {
                errors.put(name, new SetSessionOptionsResult.Error(SetSessionOptionsResult.ErrorValue.INVALID_VALUE));
            } else {
                strings.put(name, text);
            }
        });
        options.validate(principal, strings).forEach((name, problem) -> errors.put(name,
                new SetSessionOptionsResult.Error(problem == SessionOptionsService.Problem.UNKNOWN_OPTION
                        ? SetSessionOptionsResult.ErrorValue.INVALID_NAME
                        : SetSessionOptionsResult.ErrorValue.INVALID_VALUE)));
        listener.onNext(new SetSessionOptionsResult(errors));
        listener.onCompleted();
    }

    void get(Principal principal, StreamListener<GetSessionOptionsResult> listener) throws SQLException {
        Map<String, SessionOptionValue> values = new LinkedHashMap<>();
        options.current(principal).forEach((name, value) ->
                values.put(name, SessionOptionValueFactory.makeSessionOptionValue(value)));
        listener.onNext(new GetSessionOptionsResult(values));
        listener.onCompleted();
    }

    void close(StreamListener<CloseSessionResult> listener) {
        listener.onNext(new CloseSessionResult(CloseSessionResult.Status.CLOSED));
        listener.onCompleted();
    }

    private static String asString(SessionOptionValue value) {
        return value.acceptVisitor(new NoOpSessionOptionValueVisitor<String>() {
            @Override
            public String visit(String text) {
                return text;
            }
        });
    }
}
