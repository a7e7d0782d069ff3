package dev.kiln.internal.concurrent;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs {@code count} independent pieces of work, indexed {@code 0..count)}, on all cores (or
 * on the {@link #THREADS} bound for the caller), in contiguous chunks so each worker keeps its
 * own scratch state (a validator, a reader) for a whole chunk.
 *
 * <p>Failures are deterministic: when pieces throw, the one with the lowest index is rethrown,
 * so a module with two bad functions reports the same one as a sequential run would. Work is
 * never split below {@link #MIN_CHUNK} pieces: for small modules a thread hand-off costs more
 * than it saves.
 *
 * <p>The calling thread works too, beside {@code threads - 1} helper threads started for the
 * call: a bound the caller sets is then exact (a parallel stream would use every worker of
 * the common pool), and nothing of the work outlives the call.
 */
public final class IndexedWork {

    /** The fewest pieces one chunk holds. */
    static final int MIN_CHUNK = 64;

    /**
     * How many threads the work of a caller may use, bound with {@link ScopedValue#where} (a
     * runtime binds its configured compile threads around a compile); unbound, all cores.
     */
    public static final ScopedValue<Integer> THREADS = ScopedValue.newInstance();

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
        int threads = THREADS.orElse(java.lang.Runtime.getRuntime().availableProcessors());
        int chunks = chunkCount(count, threads);
        if (chunks <= 1) {
            Worker worker = workers.apply(0);
            for (int i = 0; i < count; i++) {
                worker.run(i);
            }
            return;
        }
        int size = (count + chunks - 1) / chunks;
        Failure[] failures = new Failure[chunks];
        AtomicInteger nextChunk = new AtomicInteger();
        Runnable drain = () -> {
            for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
                failures[c] = runChunk(workers, c * size, Math.min(count, (c + 1) * size));
            }
        };
        Thread[] helpers = new Thread[Math.min(threads, chunks) - 1];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = Thread.ofPlatform().name("kiln-work-" + h).daemon().start(drain);
        }
        drain.run();
        joinAll(helpers);
        for (Failure failure : failures) {
            if (failure != null) {
                failure.rethrow();
            }
        }
    }

    /** Runs one chunk; its first failure, or {@code null}. Later pieces of a failed chunk cannot come first. */
    private static Failure runChunk(IntFunction<Worker> workers, int from, int to) {
        try {
            Worker worker = workers.apply(from);
            for (int i = from; i < to; i++) {
                worker.run(i);
            }
            return null;
        } catch (RuntimeException | Error e) {
            return new Failure(e);
        }
    }

    /** Waits for every helper; an interrupt is kept for the caller, after the work is done. */
    private static void joinAll(Thread[] helpers) {
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
