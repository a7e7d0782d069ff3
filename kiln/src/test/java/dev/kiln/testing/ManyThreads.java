package dev.kiln.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntConsumer;

/** Runs one piece of work on many virtual and platform threads at once, for concurrency tests. */
public final class ManyThreads {

    private ManyThreads() {}

    /**
     * Runs {@code work(i)} for {@code i} in {@code [0, virtual + platform)}, the first
     * {@code virtual} on virtual threads and the rest on platform threads, all started before
     * any is joined; then fails with every thread's failure attached if any thread failed.
     */
    public static void run(int virtual, int platform, IntConsumer work) throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < virtual + platform; t++) {
            int index = t;
            Runnable task = () -> {
                try {
                    work.accept(index);
                } catch (Throwable e) {
                    failures.add(e);
                }
            };
            threads.add(t < virtual ? Thread.ofVirtual().start(task) : Thread.ofPlatform().start(task));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " thread(s) failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }
}
