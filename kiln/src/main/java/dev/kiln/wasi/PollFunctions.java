package dev.kiln.wasi;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code poll_oneoff(in, out, nsubscriptions, nevents_ptr)}: waits for the first of the
 * subscribed events and reports every one that has happened by then.
 *
 * <ul>
 *   <li>Clock subscriptions (relative, or {@code ABSTIME} against the configured clock) fire
 *       when their timeout has passed; the wait itself is real time whatever the clock (a
 *       CPU-time clock's timeout is waited for as that much wall time). An unknown clock is an
 *       event with {@link Errno#INVAL}.</li>
 *   <li>{@code fd_read}: a regular file is always ready (with the bytes left before its end),
 *       stdin when its stream has bytes available, a connected socket when bytes have arrived
 *       or the peer has closed (then with {@code FD_READWRITE_HANGUP}), a listener when a
 *       connection is waiting. {@code fd_write}: files and stdout/stderr are always ready, a
 *       socket when it has room, a listener never. An unknown descriptor is an event with
 *       {@link Errno#BADF}.</li>
 *   <li>Sockets are waited for on the module's {@link Waiter} (a {@link java.nio.channels.Selector}),
 *       together with the earliest clock; stdin, which Java cannot select, is looked at every
 *       millisecond while it is subscribed to.</li>
 *   <li>If nothing is ready and there is neither a clock nor a socket to wait for, stdin is
 *       reported ready: Java cannot tell "no input yet" from end of input without reading, and
 *       the guest's read then blocks until one of them, as it would after a real poll.</li>
 * </ul>
 *
 * <p>An interruption of the calling instance (or a Java thread interrupt) ends the wait with {@link Errno#INTR}.
 */
final class PollFunctions {

    private static final int SUBSCRIPTION_SIZE = 48;
    private static final int EVENT_SIZE = 32;
    private static final int CLOCK = 0;
    private static final int FD_READ = 1;
    private static final int FD_WRITE = 2;
    private static final int ABSTIME = 1;
    private static final int FD_READWRITE_HANGUP = 1;
    private static final long STDIN_POLL_NANOS = 1_000_000;
    private static final long NEVER = Long.MAX_VALUE;

    private final FdTable fds;
    private final WasiClock clock;
    private final Waiter waiter;

    PollFunctions(FdTable fds, WasiClock clock, Waiter waiter) {
        this.fds = fds;
        this.clock = clock;
        this.waiter = waiter;
    }

    private record Event(long userdata, int errno, int type, long nbytes, int flags) {}

    /** A clock subscription's {@code deadline} is in {@link System#nanoTime()}'s terms. */
    private record Subscription(long userdata, int type, int fd, long deadline) {}

    int pollOneoff(GuestMemory memory, long in, long out, long count, long eventsPtr) throws IOException {
        if (count == 0) {
            return Errno.INVAL;
        }
        memory.check(in, count * SUBSCRIPTION_SIZE);
        memory.check(out, count * EVENT_SIZE);
        memory.check(eventsPtr, 4);
        long start = System.nanoTime();
        List<Subscription> clocks = new ArrayList<>();
        List<Subscription> descriptors = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long at = in + i * SUBSCRIPTION_SIZE;
            long userdata = memory.readLong(at);
            int type = memory.readByte(at + 8);
            switch (type) {
                case CLOCK -> {
                    WasiClockId id = WasiClockId.fromId(GuestMemory.u32(memory.readInt(at + 16)));
                    if (id == null) {
                        events.add(new Event(userdata, Errno.INVAL, type, 0, 0));
                        continue;
                    }
                    long timeout = memory.readLong(at + 24);
                    boolean absolute = (memory.readShort(at + 40) & ABSTIME) != 0;
                    clocks.add(new Subscription(userdata, CLOCK, -1, deadline(start, timeout, absolute, id)));
                }
                case FD_READ, FD_WRITE -> descriptors.add(new Subscription(userdata, type, memory.readInt(at + 16), 0));
                default -> {
                    return Errno.INVAL;
                }
            }
        }
        Set<SelectionKey> keys = new HashSet<>();
        try {
            for (Subscription s : descriptors) {
                OpenFile file = fds.getOrNull(s.fd);
                int ops = file == null || file.selectable() == null ? 0
                        : s.type == FD_READ ? file.readOps() : file.writeOps();
                if (ops != 0) {
                    SelectionKey key = waiter.key(file.selectable());
                    key.interestOps(key.interestOps() | ops);
                    keys.add(key);
                }
            }
            Set<SelectionKey> selected = keys.isEmpty() ? Set.of() : waiter.select(0);
            while (events.isEmpty()) {
                boolean watchStdin = readyDescriptors(descriptors, selected, events);
                long now = System.nanoTime();
                long next = NEVER;
                for (Subscription s : clocks) {
                    if (now - s.deadline >= 0) {
                        events.add(new Event(s.userdata, Errno.SUCCESS, CLOCK, 0, 0));
                    }
                    next = Math.min(next, s.deadline - now);
                }
                if (!events.isEmpty()) {
                    break;
                }
                if (next == NEVER && keys.isEmpty() && watchStdin) {
                    // Nothing to wait for but streams Java cannot wait on: see the class comment.
                    for (Subscription s : descriptors) {
                        events.add(new Event(s.userdata, Errno.SUCCESS, s.type, 0, 0));
                    }
                    break;
                }
                long wait = watchStdin ? Math.min(next, STDIN_POLL_NANOS) : next;
                if (keys.isEmpty()) {
                    waiter.sleep(wait);
                } else {
                    selected = waiter.select(wait == NEVER ? -1 : wait);
                }
            }
        } finally {
            for (SelectionKey key : keys) {
                if (key.isValid()) {
                    key.interestOps(0);
                }
            }
        }
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            long at = out + (long) i * EVENT_SIZE;
            memory.write(at, new byte[EVENT_SIZE], 0, EVENT_SIZE);
            memory.writeLong(at, event.userdata);
            memory.writeShort(at + 8, event.errno);
            memory.writeByte(at + 10, event.type);
            memory.writeLong(at + 16, event.nbytes);
            memory.writeShort(at + 24, event.flags);
        }
        memory.writeInt(eventsPtr, events.size());
        return Errno.SUCCESS;
    }

    /**
     * When a clock subscription fires, as a {@link System#nanoTime()} value: timeouts are u64,
     * so one beyond {@code Long.MAX_VALUE} nanoseconds (292 years) is as good as never, and an
     * absolute time already past fires at once.
     */
    private long deadline(long start, long timeout, boolean absolute, WasiClockId id) {
        long relative;
        if (absolute) {
            long now = clock.time(id);
            relative = Long.compareUnsigned(timeout, now) <= 0 ? 0 : timeout - now;
        } else {
            relative = timeout;
        }
        if (relative < 0 || relative > NEVER / 2) {
            return start + NEVER / 2; // stays comparable with nanoTime differences
        }
        return start + relative;
    }

    /**
     * Adds an event for every descriptor subscription that is ready, given the keys the last
     * select found ready; returns whether one of the others is a stream that can only be
     * watched by asking again (stdin).
     */
    private boolean readyDescriptors(List<Subscription> descriptors, Set<SelectionKey> selected, List<Event> events) {
        boolean watch = false;
        for (Subscription s : descriptors) {
            OpenFile file = fds.getOrNull(s.fd);
            if (file == null) {
                events.add(new Event(s.userdata, Errno.BADF, s.type, 0, 0));
                continue;
            }
            try {
                if (s.type == FD_READ) {
                    long readable = file.readable();
                    if (readable >= 0) {
                        events.add(new Event(s.userdata, Errno.SUCCESS, s.type, readable,
                                file.hungUp() ? FD_READWRITE_HANGUP : 0));
                        continue;
                    }
                } else if (file.writable() || selectedFor(file, selected)) {
                    events.add(new Event(s.userdata, Errno.SUCCESS, s.type, 0, 0));
                    continue;
                }
            } catch (IOException e) {
                events.add(new Event(s.userdata, HostErrors.errno(e), s.type, 0, 0));
                continue;
            }
            watch |= file.selectable() == null && file instanceof StdioFile;
        }
        return watch;
    }

    private boolean selectedFor(OpenFile file, Set<SelectionKey> selected) throws IOException {
        if (file.selectable() == null || file.writeOps() == 0) {
            return false;
        }
        SelectionKey key = waiter.key(file.selectable());
        return selected.contains(key) && (key.readyOps() & file.writeOps()) != 0;
    }
}
