package io.tollgate.common.grpc;

import com.google.common.io.ByteStreams;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Messages as their bytes, for a proxy: connect-service reads only what it must of a request and
 * nothing of a response, so neither is parsed into Spark's types on the way through; the benchmark's
 * empty proxy (the floor connect-service is measured against) forwards with the very same one.
 */
public final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    public static final RawBytes INSTANCE = new RawBytes();

    private RawBytes() {
    }

    @Override
    public InputStream stream(byte[] value) {
        return new Stream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
        try {
            if (stream instanceof KnownLength) {
                // gRPC's own message streams know their size: one copy into an array of that size,
                // instead of copying into growing chunks and then once more into the result (a
                // result stream's messages are Arrow batches of several MiB each).
                byte[] bytes = new byte[stream.available()];
                ByteStreams.readFully(stream, bytes);
                return bytes;
            }
            return ByteStreams.toByteArray(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets gRPC size and copy the message in one go instead of buffering it again. */
    private static final class Stream extends ByteArrayInputStream implements KnownLength, Drainable {
        Stream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int length = count - pos;
            target.write(buf, pos, length);
            pos = count;
            return length;
        }
    }
}
