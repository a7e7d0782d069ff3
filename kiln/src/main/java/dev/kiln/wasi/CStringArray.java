package dev.kiln.wasi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A list of strings laid out the way C's {@code argv} and {@code environ} are: a buffer of
 * NUL-terminated UTF-8 strings plus an array of pointers into it. Serves {@code args_get} /
 * {@code args_sizes_get} and {@code environ_get} / {@code environ_sizes_get}.
 */
final class CStringArray {

    private final byte[][] strings;
    private final int bufferSize;

    CStringArray(List<String> values) {
        strings = new byte[values.size()][];
        int size = 0;
        for (int i = 0; i < strings.length; i++) {
            byte[] utf8 = values.get(i).getBytes(StandardCharsets.UTF_8);
            strings[i] = Arrays.copyOf(utf8, utf8.length + 1);
            size = Math.addExact(size, strings[i].length);
        }
        bufferSize = size;
    }

    /** {@code *_sizes_get(count_ptr, buffer_size_ptr)}: the number of strings and the bytes they need. */
    int sizesGet(GuestMemory memory, long countPtr, long bufferSizePtr) {
        memory.check(countPtr, 4);
        memory.check(bufferSizePtr, 4);
        memory.writeInt(countPtr, strings.length);
        memory.writeInt(bufferSizePtr, bufferSize);
        return Errno.SUCCESS;
    }

    /**
     * {@code *_get(pointers_ptr, buffer_ptr)}: the strings one after another at {@code buffer},
     * and a pointer to each at {@code pointers}. The guest sized both with {@link #sizesGet}.
     */
    int get(GuestMemory memory, long pointersPtr, long bufferPtr) {
        memory.check(pointersPtr, 4L * strings.length);
        memory.check(bufferPtr, bufferSize);
        long at = bufferPtr;
        for (int i = 0; i < strings.length; i++) {
            memory.writeInt(pointersPtr + 4L * i, (int) at);
            memory.write(at, strings[i], 0, strings[i].length);
            at += strings[i].length;
        }
        return Errno.SUCCESS;
    }
}
