package dev.kiln.wasi;

import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** {@code random_get}, filling guest memory from a {@link RandomGenerator}. */
final class RandomFunctions {

    /** Bounds the copy buffer: the guest may ask for its whole memory at once. */
    private static final int CHUNK = 64 * 1024;

    private final Supplier<RandomGenerator> source;
    private RandomGenerator random;

    /** {@code source} is asked once, at the first {@code random_get}: most programs never call it. */
    RandomFunctions(Supplier<RandomGenerator> source) {
        this.source = source;
    }

    /** {@code random_get(buf, buf_len)}. */
    int get(GuestMemory memory, long buffer, long length) {
        memory.check(buffer, length);
        if (random == null) {
            random = source.get();
        }
        byte[] chunk = new byte[(int) Math.min(length, CHUNK)];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(length - done, CHUNK);
            random.nextBytes(chunk);
            memory.write(buffer + done, chunk, 0, n);
            done += n;
        }
        return Errno.SUCCESS;
    }
}
