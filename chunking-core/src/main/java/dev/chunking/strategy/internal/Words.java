package dev.chunking.strategy.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The engine's one view of a byte array as little-endian longs, for the scans that test eight
 * UTF-8 bytes at a time (ASCII runs, line breaks, Markdown marks). Stateless and thread-safe.
 */
final class Words {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Words() {
    }

    /** The eight bytes at {@code index}, the first in the lowest byte; {@code index + 8} must not pass the array's end. */
    static long at(byte[] bytes, int index) {
        return (long) LONGS.get(bytes, index);
    }
}
