package dev.kiln.wasi;

import static dev.kiln.wasi.GuestMemory.u32;

import dev.kiln.HostFunction;
import dev.kiln.HostModuleBuilder;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code wasi_snapshot_preview1} host module: binds every {@link Preview1} function to its
 * implementation (or to {@link Errno#NOSYS} where there is none yet) and turns failures inside a
 * call into errnos, so no Java exception but {@link WasiExitException} ever leaves a WASI call.
 */
final class Preview1Module {

    private static final WasiFunction NOT_IMPLEMENTED = (memory, args) -> Errno.NOSYS;

    private final CStringArray args;
    private final CStringArray environment;
    private final FdFunctions fd;
    private final ClockFunctions clocks;
    private final RandomFunctions random;
    private final Map<Preview1, WasiFunction> implementations = new EnumMap<>(Preview1.class);

    Preview1Module(WasiConfig config) {
        this.args = new CStringArray(config.args());
        List<String> variables = new ArrayList<>();
        config.environment().forEach((name, value) -> variables.add(name + "=" + value));
        this.environment = new CStringArray(variables);
        this.fd = new FdFunctions(new FdTable(config));
        this.clocks = new ClockFunctions(config.clock());
        this.random = new RandomFunctions(config.random());
        for (Preview1 function : Preview1.values()) {
            implementations.put(function, implementation(function));
        }
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
            return implementations.get(function).call(memory, args);
        } catch (ErrnoException e) {
            return e.errno();
        } catch (IOException | UncheckedIOException e) {
            return Errno.IO;
        }
    }

    private HostFunction hostFunction(Preview1 function) {
        return (caller, stack) -> {
            int errno = invoke(function, GuestMemory.of(caller), stack);
            if (function.returnsErrno()) {
                stack[0] = errno;
            }
        };
    }

    private WasiFunction implementation(Preview1 function) {
        return switch (function) {
            case ARGS_GET -> (m, a) -> args.get(m, u32(a[0]), u32(a[1]));
            case ARGS_SIZES_GET -> (m, a) -> args.sizesGet(m, u32(a[0]), u32(a[1]));
            case ENVIRON_GET -> (m, a) -> environment.get(m, u32(a[0]), u32(a[1]));
            case ENVIRON_SIZES_GET -> (m, a) -> environment.sizesGet(m, u32(a[0]), u32(a[1]));
            case CLOCK_RES_GET -> (m, a) -> clocks.resolutionGet(m, u32(a[0]), u32(a[1]));
            case CLOCK_TIME_GET -> (m, a) -> clocks.timeGet(m, u32(a[0]), u32(a[2]));
            case FD_CLOSE -> (m, a) -> fd.close(fd(a[0]));
            case FD_FDSTAT_GET -> (m, a) -> fd.fdstatGet(m, fd(a[0]), u32(a[1]));
            case FD_PRESTAT_GET, FD_PRESTAT_DIR_NAME -> (m, a) -> fd.prestat();
            case FD_READ -> (m, a) -> fd.read(m, fd(a[0]), u32(a[1]), u32(a[2]), u32(a[3]));
            case FD_SEEK -> (m, a) -> fd.seek(m, fd(a[0]), a[1], (int) a[2], u32(a[3]));
            case FD_TELL -> (m, a) -> fd.tell(m, fd(a[0]), u32(a[1]));
            case FD_WRITE -> (m, a) -> fd.write(m, fd(a[0]), u32(a[1]), u32(a[2]), u32(a[3]));
            case PROC_EXIT -> (m, a) -> {
                throw new WasiExitException((int) a[0]);
            };
            case RANDOM_GET -> (m, a) -> random.get(m, u32(a[0]), u32(a[1]));
            case SCHED_YIELD -> (m, a) -> {
                Thread.yield();
                return Errno.SUCCESS;
            };
            // The sandboxed file system, poll_oneoff, signals and sockets come later.
            case FD_ADVISE, FD_ALLOCATE, FD_DATASYNC, FD_FDSTAT_SET_FLAGS, FD_FDSTAT_SET_RIGHTS, FD_FILESTAT_GET,
                 FD_FILESTAT_SET_SIZE, FD_FILESTAT_SET_TIMES, FD_PREAD, FD_PWRITE, FD_READDIR, FD_RENUMBER, FD_SYNC,
                 PATH_CREATE_DIRECTORY, PATH_FILESTAT_GET, PATH_FILESTAT_SET_TIMES, PATH_LINK, PATH_OPEN,
                 PATH_READLINK, PATH_REMOVE_DIRECTORY, PATH_RENAME, PATH_SYMLINK, PATH_UNLINK_FILE, POLL_ONEOFF,
                 PROC_RAISE, SOCK_ACCEPT, SOCK_RECV, SOCK_SEND, SOCK_SHUTDOWN -> NOT_IMPLEMENTED;
        };
    }

    /** Descriptors are u32; one past {@code Integer.MAX_VALUE} is as unknown as any other. */
    private static int fd(long slot) {
        return (int) slot;
    }
}
