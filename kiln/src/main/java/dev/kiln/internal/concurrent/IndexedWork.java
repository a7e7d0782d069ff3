package dev.kiln.internal.concurrent;

import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Runs {@code count} independent pieces of work, indexed {@code 0..count)}, on all cores, in
 * contiguous chunks so each worker keeps its own scratch state (a validator, a reader) for a
 * whole chunk.
 *
 * <p>Failures are deterministic: when pieces throw, the one with the lowest index is rethrown,
 * so a module with two bad functions reports the same one as a sequential run would. Work is
 * never split below {@link #MIN_CHUNK} pieces: for small modules a thread hand-off costs more
 * than it saves.
 */
public final class IndexedWork {

    /** The fewest pieces one chunk holds. */
    static final int MIN_CHUNK = 64;

    private IndexedWork() {}

    /** What one worker does with the pieces of its chunk: {@link #run(int)} is called in index order. */
    public interface Worker {
        void run(int index);
    }

    /**
     * Runs every index through a worker made by {@code workers} (one per chunk), in parallel
     * when there is enough work. The chunk's first index is passed to the factory.
     *
     * @throws RuntimeException the lowest-indexed piece's failure, as it was thrown
     */
    public static void forEach(int count, IntFunction<Worker> workers) {
        int chunks = chunkCount(count, java.lang.Runtime.getRuntime().availableProcessors());
        if (chunks <= 1) {
            Worker worker = workers.apply(0);
            for (int i = 0; i < count; i++) {
                worker.run(i);
            }
            return;
        }
        int size = (count + chunks - 1) / chunks;
        Failure[] failures = new Failure[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * size;
            int to = Math.min(count, from + size);
            Worker worker = workers.apply(from);
            for (int i = from; i < to; i++) {
                try {
                    worker.run(i);
                } catch (RuntimeException | Error e) {
                    failures[c] = new Failure(e);
                    return; // later pieces of this chunk cannot come first
                }
            }
        });
        for (Failure failure : failures) {
            if (failure != null) {
                failure.rethrow();
            }
        }
    }

    /**
     * Enough chunks to keep every core busy, no smaller than {@link #MIN_CHUNK}: sixteen a core,
     * because pieces are uneven (function bodies of a big module differ a thousandfold in size)
     * and whoever finishes first takes the chunks left, so the last one to finish is late by at
     * most one small chunk. Four a core left ruby.wasm's eight chunks between 0.96 and 2.24 MB.
     */
    static int chunkCount(int count, int cores) {
        if (cores <= 1) {
            return 1;
        }
        return Math.max(1, Math.min(cores * 16, count / MIN_CHUNK));
    }

    private record Failure(Throwable thrown) {
        void rethrow() {
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) thrown;
        }
    }
}
