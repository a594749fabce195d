package io.tollgate.flight.copy;

/**
 * Decodes one column's binary COPY value (never NULL: NULLs are handled by the reader) into a
 * vector. The value is {@code length} bytes of {@code row} starting at {@code offset}; decoders read
 * it in place, so a row costs no objects.
 */
@FunctionalInterface
interface ColumnDecoder {
    void decode(byte[] data, int offset, int length, int row);
}
