package io.tollgate.common.grpc;

import io.grpc.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The exceptions one gRPC endpoint expects, each with the status it answers: the endpoint's own
 * table, read by {@link GrpcCalls}. The first entry whose type matches wins, so list a subtype
 * before its supertype. Anything not listed is unexpected and becomes an incident.
 * <p>
 * Immutable: {@link #on} returns a new table, so one table can be built once per endpoint and
 * shared by its calls.
 */
public final class KnownErrors {
    private static final KnownErrors NONE = new KnownErrors(List.of());

    private final List<Entry<?>> entries;

    private KnownErrors(List<Entry<?>> entries) {
        this.entries = entries;
    }

    /** A table that expects nothing: every exception is an incident. */
    public static KnownErrors none() {
        return NONE;
    }

    /**
     * This table plus one expected type.
     *
     * @param toStatus the status to answer; its description is what the caller reads, so it must be
     *                 our own text (a domain exception's message written to be shown), never a
     *                 library's
     */
    public <E extends Throwable> KnownErrors on(Class<E> type, Function<? super E, Status> toStatus) {
        List<Entry<?>> more = new ArrayList<>(entries);
        more.add(new Entry<>(type, toStatus));
        return new KnownErrors(List.copyOf(more));
    }

    /** The status {@code error} answers, when it is expected. */
    public Optional<Status> statusOf(Throwable error) {
        for (Entry<?> entry : entries) {
            if (entry.type.isInstance(error)) {
                return Optional.of(entry.statusOf(error));
            }
        }
        return Optional.empty();
    }

    private record Entry<E extends Throwable>(Class<E> type, Function<? super E, Status> toStatus) {
        Status statusOf(Throwable error) {
            return toStatus.apply(type.cast(error));
        }
    }
}
