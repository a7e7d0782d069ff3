package dev.kiln.wasi;

import static dev.kiln.wasi.GuestMemory.u32;

import dev.kiln.HostFunction;
import dev.kiln.HostModuleBuilder;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code wasi_snapshot_preview1} host module: binds every {@link Preview1} function to its
 * implementation and turns failures inside a call into errnos, so no Java exception but
 * {@link WasiExitException} ever leaves a WASI call.
 */
final class Preview1Module {

    private final CStringArray args;
    private final CStringArray environment;
    private final Waiter waiter = new Waiter();
    /** What an interruption of the calling instance runs while a call may wait. */
    private final Runnable wakeup = waiter::wakeup;
    private final FdTable table;
    private final FdFunctions fd;
    private final PathFunctions path;
    private final PollFunctions poll;
    private final SockFunctions sock;
    private final ClockFunctions clocks;
    private final RandomFunctions random;

    Preview1Module(WasiConfig config) {
        this.args = new CStringArray(config.args());
        List<String> variables = new ArrayList<>();
        config.environment().forEach((name, value) -> variables.add(name + "=" + value));
        this.environment = new CStringArray(variables);
        this.table = new FdTable(config, waiter);
        WasiClock clock = config.clock(); // once: a deterministic clock is new on each call
        this.fd = new FdFunctions(table, clock);
        this.path = new PathFunctions(fd, clock);
        this.poll = new PollFunctions(table, clock, waiter);
        this.sock = new SockFunctions(table);
        this.clocks = new ClockFunctions(clock);
        this.random = new RandomFunctions(config::random);
    }

    /** Defines and registers the host module on {@code runtime}. */
    Instance register(Runtime runtime) {
        HostModuleBuilder module = runtime.hostModule(Wasi.MODULE_NAME);
        for (Preview1 function : Preview1.values()) {
            module.function(function.importName(), function.type(), hostFunction(function));
        }
        return module.instantiate();
    }

    /** Runs {@code function} against {@code memory}: the errno it returns or fails with. */
    int invoke(Preview1 function, GuestMemory memory, long[] args) {
        try {
            return dispatch(function, memory, args);
        } catch (ErrnoException e) {
            return e.errno();
        } catch (IOException e) {
            return HostErrors.errno(e);
        } catch (UncheckedIOException e) {
            return HostErrors.errno(e.getCause());
        } catch (NonReadableChannelException | NonWritableChannelException e) {
            return Errno.BADF; // a right the channel was not opened for; rights checks make this rare
        } catch (SecurityException e) {
            return Errno.ACCES;
        }
    }

    /** The waits of this module's calls, which an interruption of the calling instance ends. */
    Waiter waiter() {
        return waiter;
    }

    /**
     * Closes every descriptor still open (the guest's files and connections; the stdio streams
     * and the listeners, which are the embedder's, stay open) and the selector.
     */
    void close() throws IOException {
        try (waiter) {
            table.closeAll();
        }
    }

    /** The memory of the last caller: looking it up costs an export lookup, and callers rarely change. */
    private GuestMemory lastMemory = GuestMemory.of((Instance) null);

    private GuestMemory memoryOf(Instance caller) {
        if (lastMemory.caller() != caller) {
            lastMemory = GuestMemory.of(caller);
        }
        return lastMemory;
    }

    private HostFunction hostFunction(Preview1 function) {
        boolean canWait = function.canWait();
        return (caller, stack) -> {
            int errno;
            if (canWait && caller != null) {
                // Instance.interrupt() (and a call timeout) only stop WebAssembly code: this lets
                // them end the wait too, so that the guest gets back to its code and stops there.
                Instance.Wakeup registration = caller.wakeOnInterrupt(wakeup);
                try {
                    errno = invoke(function, memoryOf(caller), stack);
                } finally {
                    registration.close();
                }
            } else {
                errno = invoke(function, memoryOf(caller), stack);
            }
            if (function.returnsErrno()) {
                stack[0] = errno;
            }
        };
    }

    /**
     * Runs {@code function}: one switch rather than a lambda per function, which would cost a
     * generated class each when the module is created (tens of milliseconds of start-up).
     */
    private int dispatch(Preview1 function, GuestMemory m, long[] a) throws IOException {
        return switch (function) {
            case ARGS_GET -> args.get(m, u32(a[0]), u32(a[1]));
            case ARGS_SIZES_GET -> args.sizesGet(m, u32(a[0]), u32(a[1]));
            case ENVIRON_GET -> environment.get(m, u32(a[0]), u32(a[1]));
            case ENVIRON_SIZES_GET -> environment.sizesGet(m, u32(a[0]), u32(a[1]));
            case CLOCK_RES_GET -> clocks.resolutionGet(m, u32(a[0]), u32(a[1]));
            case CLOCK_TIME_GET -> clocks.timeGet(m, u32(a[0]), u32(a[2]));
            case FD_ADVISE -> fd.advise(fd(a[0]), a[1], a[2], (int) a[3]);
            case FD_ALLOCATE -> fd.allocate(fd(a[0]), a[1], a[2]);
            case FD_CLOSE -> fd.close(fd(a[0]));
            case FD_DATASYNC -> fd.sync(fd(a[0]), false);
            case FD_FDSTAT_GET -> fd.fdstatGet(m, fd(a[0]), u32(a[1]));
            case FD_FDSTAT_SET_FLAGS -> fd.fdstatSetFlags(fd(a[0]), (int) a[1]);
            case FD_FDSTAT_SET_RIGHTS -> fd.fdstatSetRights(fd(a[0]), a[1], a[2]);
            case FD_FILESTAT_GET -> fd.filestatGet(m, fd(a[0]), u32(a[1]));
            case FD_FILESTAT_SET_SIZE -> fd.filestatSetSize(fd(a[0]), a[1]);
            case FD_FILESTAT_SET_TIMES -> fd.filestatSetTimes(fd(a[0]), a[1], a[2], (int) a[3]);
            case FD_PREAD -> fd.pread(m, fd(a[0]), u32(a[1]), u32(a[2]), a[3], u32(a[4]));
            case FD_PRESTAT_GET -> fd.prestatGet(m, fd(a[0]), u32(a[1]));
            case FD_PRESTAT_DIR_NAME -> fd.prestatDirName(m, fd(a[0]), u32(a[1]), u32(a[2]));
            case FD_PWRITE -> fd.pwrite(m, fd(a[0]), u32(a[1]), u32(a[2]), a[3], u32(a[4]));
            case FD_READ -> fd.read(m, fd(a[0]), u32(a[1]), u32(a[2]), u32(a[3]));
            case FD_READDIR -> fd.readdir(m, fd(a[0]), u32(a[1]), u32(a[2]), a[3], u32(a[4]));
            case FD_RENUMBER -> fd.renumber(fd(a[0]), fd(a[1]));
            case FD_SEEK -> fd.seek(m, fd(a[0]), a[1], (int) a[2], u32(a[3]));
            case FD_SYNC -> fd.sync(fd(a[0]), true);
            case FD_TELL -> fd.tell(m, fd(a[0]), u32(a[1]));
            case FD_WRITE -> fd.write(m, fd(a[0]), u32(a[1]), u32(a[2]), u32(a[3]));
            case PATH_CREATE_DIRECTORY -> path.createDirectory(m, fd(a[0]), u32(a[1]), u32(a[2]));
            case PATH_FILESTAT_GET -> path.filestatGet(m, fd(a[0]), (int) a[1], u32(a[2]), u32(a[3]),
                    u32(a[4]));
            case PATH_FILESTAT_SET_TIMES -> path.filestatSetTimes(m, fd(a[0]), (int) a[1], u32(a[2]),
                    u32(a[3]), a[4], a[5], (int) a[6]);
            case PATH_LINK -> path.link(m, fd(a[0]), (int) a[1], u32(a[2]), u32(a[3]), fd(a[4]), u32(a[5]),
                    u32(a[6]));
            case PATH_OPEN -> path.open(m, fd(a[0]), (int) a[1], u32(a[2]), u32(a[3]), (int) a[4], a[5],
                    a[6], (int) a[7], u32(a[8]));
            case PATH_READLINK -> path.readlink(m, fd(a[0]), u32(a[1]), u32(a[2]), u32(a[3]), u32(a[4]),
                    u32(a[5]));
            case PATH_REMOVE_DIRECTORY -> path.removeDirectory(m, fd(a[0]), u32(a[1]), u32(a[2]));
            case PATH_RENAME -> path.rename(m, fd(a[0]), u32(a[1]), u32(a[2]), fd(a[3]), u32(a[4]),
                    u32(a[5]));
            case PATH_SYMLINK -> path.symlink(m, u32(a[0]), u32(a[1]), fd(a[2]), u32(a[3]), u32(a[4]));
            case PATH_UNLINK_FILE -> path.unlinkFile(m, fd(a[0]), u32(a[1]), u32(a[2]));
            case POLL_ONEOFF -> poll.pollOneoff(m, u32(a[0]), u32(a[1]), u32(a[2]), u32(a[3]));
            case PROC_EXIT -> throw new WasiExitException((int) a[0]);
            // Signals cannot be raised in a WebAssembly guest: ENOSYS, as wasmtime and the spec's
            // own remark ("not supported by most platforms") suggest.
            case PROC_RAISE -> Errno.NOSYS;
            case RANDOM_GET -> random.get(m, u32(a[0]), u32(a[1]));
            case SCHED_YIELD -> {
                Thread.yield();
                yield Errno.SUCCESS;
            }
            case SOCK_ACCEPT -> sock.accept(m, fd(a[0]), (int) a[1], u32(a[2]));
            case SOCK_RECV -> sock.recv(m, fd(a[0]), u32(a[1]), u32(a[2]), (int) a[3], u32(a[4]),
                    u32(a[5]));
            case SOCK_SEND -> sock.send(m, fd(a[0]), u32(a[1]), u32(a[2]), (int) a[3], u32(a[4]));
            case SOCK_SHUTDOWN -> sock.shutdown(fd(a[0]), (int) a[1]);
        };
    }

    /** Descriptors are u32; one past {@code Integer.MAX_VALUE} is as unknown as any other. */
    private static int fd(long slot) {
        return (int) slot;
    }
}
