package dev.kiln.wasi;

import dev.kiln.Memory;
import dev.kiln.Runtime;

/**
 * Calls WASI functions directly, the way a guest would, against a one-page memory: the tests
 * write guest structures into {@link #memory}, call, and check the errno and what was written.
 */
final class WasiHarness implements AutoCloseable {

    /** The size of {@link #memory}: one page. */
    static final long MEMORY_SIZE = 65536;

    final Memory memory;
    private final Runtime runtime;
    private final Preview1Module module;

    WasiHarness(WasiConfig config) {
        runtime = Runtime.create();
        memory = runtime.hostModule("test").memory("memory", 1, 1).instantiate().memory();
        module = new Preview1Module(config);
    }

    /** Calls against {@code memory} (one page), for memories a runtime would not make here. */
    WasiHarness(WasiConfig config, Memory memory) {
        runtime = Runtime.create();
        this.memory = memory;
        module = new Preview1Module(config);
    }

    /** Calls {@code function} with the given parameter slots; returns its errno. */
    int call(Preview1 function, long... args) {
        return module.invoke(function, GuestMemory.of(memory), args);
    }

    /** Writes an {@code iovec} array of {@code {buf, len}} pairs at {@code address}. */
    void writeIovecs(long address, int... bufferLengthPairs) {
        for (int i = 0; i < bufferLengthPairs.length; i++) {
            memory.writeInt(address + 4L * i, bufferLengthPairs[i]);
        }
    }

    /** Ends the wait of a call in progress (or the next one) with {@code EINTR}, from any thread. */
    void wakeup() {
        module.waiter().wakeup();
    }

    @Override
    public void close() {
        try {
            module.close();
        } catch (java.io.IOException brokenOnPurpose) {
            // Some tests give the guest a failing stdout; the files are closed regardless.
        } finally {
            runtime.close();
        }
    }
}
