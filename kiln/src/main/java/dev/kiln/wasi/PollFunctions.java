package dev.kiln.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff(in, out, nsubscriptions, nevents_ptr)}: waits for the first of the
 * subscribed events and reports every one that has happened.
 *
 * <ul>
 *   <li>Clock subscriptions (relative, or {@code ABSTIME} against the configured clock) fire
 *       when their timeout has passed; an unknown clock is an event with {@link Errno#INVAL}.</li>
 *   <li>{@code fd_read}: a regular file is always ready (with the bytes left before its end),
 *       stdin when its stream has bytes available; {@code fd_write}: files and stdout/stderr are
 *       always ready. An unknown descriptor is an event with {@link Errno#BADF}.</li>
 *   <li>If nothing is ready and there is no clock, stdin is reported ready: Java cannot tell
 *       "no input yet" from end of input without reading, and the guest's read then blocks
 *       until one of them, as it would after a real poll.</li>
 * </ul>
 *
 * <p>Waiting polls stdin every millisecond and otherwise sleeps; an interrupted Java thread ends
 * the wait with {@link Errno#INTR}.
 */
final class PollFunctions {

    private static final int SUBSCRIPTION_SIZE = 48;
    private static final int EVENT_SIZE = 32;
    private static final int CLOCK = 0;
    private static final int FD_READ = 1;
    private static final int FD_WRITE = 2;
    private static final int ABSTIME = 1;
    private static final long STDIN_POLL_NANOS = 1_000_000;

    private final FdTable fds;
    private final WasiClock clock;

    PollFunctions(FdTable fds, WasiClock clock) {
        this.fds = fds;
        this.clock = clock;
    }

    private record Event(long userdata, int errno, int type, long nbytes) {}

    private record Subscription(long userdata, int type, int fd, long timeout, WasiClockId clockId) {}

    int pollOneoff(GuestMemory memory, long in, long out, long count, long eventsPtr) throws IOException {
        if (count == 0) {
            return Errno.INVAL;
        }
        memory.check(in, count * SUBSCRIPTION_SIZE);
        memory.check(out, count * EVENT_SIZE);
        memory.check(eventsPtr, 4);
        long start = System.nanoTime();
        List<Subscription> subscriptions = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long at = in + i * SUBSCRIPTION_SIZE;
            long userdata = readLong(memory, at);
            int type = readByte(memory, at + 8);
            switch (type) {
                case CLOCK -> {
                    WasiClockId id = WasiClockId.fromId(GuestMemory.u32(memory.readInt(at + 16)));
                    if (id == null) {
                        events.add(new Event(userdata, Errno.INVAL, type, 0));
                        continue;
                    }
                    long timeout = readLong(memory, at + 24);
                    int flags = memory.readInt(at + 40) & 0xFFFF;
                    if ((flags & ABSTIME) != 0) {
                        timeout = timeout - clock.time(id);
                    }
                    subscriptions.add(new Subscription(userdata, type, -1, Math.max(0, timeout), id));
                }
                case FD_READ, FD_WRITE -> subscriptions.add(
                        new Subscription(userdata, type, memory.readInt(at + 16), 0, null));
                default -> {
                    return Errno.INVAL;
                }
            }
        }
        readyFds(subscriptions, events);
        if (events.isEmpty()) {
            long wait = Long.MAX_VALUE;
            for (Subscription s : subscriptions) {
                if (s.type == CLOCK) {
                    wait = Math.min(wait, s.timeout);
                }
            }
            if (wait == Long.MAX_VALUE) {
                for (Subscription s : subscriptions) {
                    events.add(new Event(s.userdata, Errno.SUCCESS, s.type, 0));
                }
            } else {
                boolean watchStdin = subscriptions.stream().anyMatch(s -> s.type == FD_READ);
                while (events.isEmpty()) {
                    long elapsed = System.nanoTime() - start;
                    if (elapsed >= wait) {
                        for (Subscription s : subscriptions) {
                            if (s.type == CLOCK && s.timeout <= elapsed) {
                                events.add(new Event(s.userdata, Errno.SUCCESS, CLOCK, 0));
                            }
                        }
                        break;
                    }
                    long nap = watchStdin ? Math.min(STDIN_POLL_NANOS, wait - elapsed) : wait - elapsed;
                    try {
                        Thread.sleep(nap / 1_000_000, (int) (nap % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Errno.INTR;
                    }
                    if (watchStdin) {
                        readyFds(subscriptions, events);
                    }
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
        }
        memory.writeInt(eventsPtr, events.size());
        return Errno.SUCCESS;
    }

    private void readyFds(List<Subscription> subscriptions, List<Event> events) throws IOException {
        for (Subscription s : subscriptions) {
            if (s.type == CLOCK) {
                continue;
            }
            OpenFile file;
            try {
                file = fds.get(s.fd);
            } catch (ErrnoException badFd) {
                events.add(new Event(s.userdata, Errno.BADF, s.type, 0));
                continue;
            }
            if (s.type == FD_READ) {
                long readable = file.readable();
                if (readable >= 0) {
                    events.add(new Event(s.userdata, Errno.SUCCESS, s.type, readable));
                }
            } else if (file.writable()) {
                events.add(new Event(s.userdata, Errno.SUCCESS, s.type, 0));
            }
        }
    }

    private static long readLong(GuestMemory memory, long address) {
        return (memory.readInt(address) & 0xFFFF_FFFFL) | ((long) memory.readInt(address + 4) << 32);
    }

    private static int readByte(GuestMemory memory, long address) {
        return memory.readInt(address) & 0xFF;
    }
}
