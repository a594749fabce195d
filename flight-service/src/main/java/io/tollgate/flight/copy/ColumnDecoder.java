package io.tollgate.flight.copy;

import java.nio.ByteBuffer;

/** Decodes one column's binary COPY value (never NULL: NULLs are handled by the reader) into a vector. */
@FunctionalInterface
interface ColumnDecoder {
    void decode(ByteBuffer value, int length, int row);
}
