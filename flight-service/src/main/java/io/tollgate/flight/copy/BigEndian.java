package io.tollgate.flight.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Network-order reads from a byte array at any offset (the JIT turns each into one load and a swap). */
final class BigEndian {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BigEndian() {
    }

    static short getShort(byte[] data, int offset) {
        return (short) SHORT.get(data, offset);
    }

    static int getInt(byte[] data, int offset) {
        return (int) INT.get(data, offset);
    }

    static long getLong(byte[] data, int offset) {
        return (long) LONG.get(data, offset);
    }

    static float getFloat(byte[] data, int offset) {
        return Float.intBitsToFloat(getInt(data, offset));
    }

    static double getDouble(byte[] data, int offset) {
        return Double.longBitsToDouble(getLong(data, offset));
    }
}
