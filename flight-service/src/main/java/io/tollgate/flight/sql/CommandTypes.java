package io.tollgate.flight.sql;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/**
 * Recognises a Flight SQL command by its type URL. protobuf's {@code Any.is} and {@code Any.unpack}
 * look the type up by reflection on every call, and arrow-java's dispatch asks up to a dozen times
 * per call; the commands of every query (bind, describe, fetch; prepared or not) are picked out
 * here once instead.
 * Anything not recognised, malformed input included, is left to arrow-java's dispatch.
 */
final class CommandTypes {
    private static final String PREFIX = "type.googleapis.com/";

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
