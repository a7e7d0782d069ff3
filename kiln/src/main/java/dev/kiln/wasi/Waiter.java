package dev.kiln.wasi;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Every wait a WASI call makes: {@code poll_oneoff}, and the blocking forms of
 * {@code sock_accept}, {@code sock_recv}, {@code sock_send} and {@code fd_read}/{@code fd_write}
 * on sockets. Sockets wait on one {@link Selector} (opened on first use; sockets are always
 * non-blocking Java channels, so a guest's "blocking" call is a wait here followed by a
 * non-blocking attempt), clocks by parking the thread.
 *
 * <p>All of them can be ended from another thread by {@link #wakeup()}: the wait in progress, or
 * if none is, the next one, fails with {@link Errno#INTR}. That is how an interruption
 * gets a guest blocked in a WASI call back to WebAssembly code, where the instance's interruption
 * stops it (a host function itself is never stopped). A Java thread interrupt ends a wait the
 * same way.
 */
final class Waiter implements AutoCloseable {

    private static final long NANOS_PER_MILLI = 1_000_000;

    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    /** Written by the guest thread only; read by {@link #wakeup()} from any thread. */
    private volatile Selector selector;
    private volatile Thread parked;

    /** The key of {@code channel} on this waiter's selector (no interest until the caller sets it). */
    SelectionKey key(SelectableChannel channel) throws IOException {
        Selector s = selector();
        SelectionKey key = channel.keyFor(s);
        return key != null && key.isValid() ? key : channel.register(s, 0);
    }

    /**
     * Waits until {@code channel} is ready for {@code ops} ({@link SelectionKey} bits), however
     * long that takes.
     *
     * @throws ErrnoException {@link Errno#INTR} if woken first
     */
    void await(SelectableChannel channel, int ops) throws IOException {
        SelectionKey key = key(channel);
        key.interestOps(ops);
        try {
            while (true) {
                Set<SelectionKey> ready = select(-1);
                if (ready.contains(key)) {
                    return;
                }
            }
        } finally {
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    /**
     * Selects the keys whose interest ops the caller has set: waits at most {@code timeoutNanos}
     * (-1: without limit, 0: not at all) for one to be ready and returns the ready ones.
     *
     * @throws ErrnoException {@link Errno#INTR} if woken first
     */
    Set<SelectionKey> select(long timeoutNanos) throws IOException {
        Selector s = selector();
        checkWake();
        int n;
        try {
            if (timeoutNanos == 0) {
                n = s.selectNow();
            } else if (timeoutNanos < 0) {
                n = s.select();
            } else {
                // select() counts milliseconds (and takes 0 as "forever"): round up, so a timeout
                // never returns early and is never mistaken for no timeout.
                n = s.select(Math.max(1, (timeoutNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI));
            }
        } catch (ClosedSelectorException closed) {
            throw new ErrnoException(Errno.INTR);
        }
        Set<SelectionKey> ready = n == 0 && s.selectedKeys().isEmpty() ? Set.of() : new HashSet<>(s.selectedKeys());
        s.selectedKeys().clear();
        if (timeoutNanos != 0) {
            checkWake(); // a wakeup() is why select returned, or it arrived in the meantime
        }
        return ready;
    }

    /**
     * Sleeps for {@code nanos} nanoseconds, with the precision of {@link LockSupport#parkNanos}
     * rather than the selector's milliseconds: a guest's {@code nanosleep} of a few microseconds
     * stays a few microseconds.
     *
     * @throws ErrnoException {@link Errno#INTR} if woken first
     */
    void sleep(long nanos) {
        long deadline = System.nanoTime() + nanos;
        parked = Thread.currentThread();
        try {
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                checkWake();
                LockSupport.parkNanos(this, left);
            }
            checkWake();
        } finally {
            parked = null;
        }
    }

    /**
     * Ends the wait in progress with {@link Errno#INTR}, or the next one if none is in progress.
     * Callable from any thread.
     */
    void wakeup() {
        wakeRequested.set(true);
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
        Thread thread = parked;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Forgets a {@link #wakeup()} that found nothing to end, so it cannot end a later run's wait. */
    void clearWakeup() {
        wakeRequested.set(false);
    }

    private void checkWake() {
        if (wakeRequested.getAndSet(false) || Thread.currentThread().isInterrupted()) {
            throw new ErrnoException(Errno.INTR);
        }
    }

    private Selector selector() throws IOException {
        Selector s = selector;
        if (s == null) {
            s = Selector.open();
            selector = s;
        }
        return s;
    }

    /** Closes the selector, which deregisters every channel from it. */
    @Override
    public void close() throws IOException {
        Selector s = selector;
        if (s != null) {
            s.close();
        }
    }
}
