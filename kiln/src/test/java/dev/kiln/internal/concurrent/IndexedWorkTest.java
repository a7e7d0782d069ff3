package dev.kiln.internal.concurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IndexedWorkTest {

    @Test
    void everyIndexRunsOnceWithTheWorkerOfItsChunk() {
        int count = 10_000;
        int[] ran = new int[count];
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger workers = new AtomicInteger();
        IndexedWork.forEach(count, from -> {
            workers.incrementAndGet();
            int[] next = {from};
            return i -> {
                assertEquals(next[0]++, i, "a worker sees its chunk in order");
                ran[i]++;
                threads.add(Thread.currentThread());
            };
        });
        assertArrayEquals(IntStream.generate(() -> 1).limit(count).toArray(), ran);
        assertEquals(IndexedWork.chunkCount(count, java.lang.Runtime.getRuntime().availableProcessors()), workers.get());
    }

    @Test
    void theLowestFailingIndexIsReported() {
        for (int attempt = 0; attempt < 20; attempt++) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> IndexedWork.forEach(5_000, from -> i -> {
                        if (i == 4_321 || i == 77 || i == 2_000) {
                            throw new IllegalStateException("piece " + i);
                        }
                    }));
            assertEquals("piece 77", thrown.getMessage());
        }
    }

    @Test
    void smallWorkStaysOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        IndexedWork.forEach(IndexedWork.MIN_CHUNK, from -> i -> assertEquals(caller, Thread.currentThread()));
        assertEquals(1, IndexedWork.chunkCount(IndexedWork.MIN_CHUNK * 2 - 1, 8));
        assertEquals(128, IndexedWork.chunkCount(1_000_000, 8));
        assertEquals(278, IndexedWork.chunkCount(17_825, 32)); // no chunk under MIN_CHUNK
        assertEquals(1, IndexedWork.chunkCount(1_000_000, 1));
    }

    @Test
    void aBoundOnThreadsIsHonoured() {
        for (int bound : new int[] {1, 2, 3}) {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            AtomicInteger workers = new AtomicInteger();
            ScopedValue.where(IndexedWork.THREADS, bound).run(() -> IndexedWork.forEach(10_000, from -> {
                workers.incrementAndGet();
                return i -> threads.add(Thread.currentThread());
            }));
            assertTrue(threads.size() <= bound, bound + " allowed, " + threads.size() + " used");
            assertEquals(IndexedWork.chunkCount(10_000, bound), workers.get());
        }
    }

    @Test
    void oneThreadMeansTheCallerAlone() {
        Thread caller = Thread.currentThread();
        ScopedValue.where(IndexedWork.THREADS, 1).run(() ->
                IndexedWork.forEach(100_000, from -> i -> assertEquals(caller, Thread.currentThread())));
    }
}
