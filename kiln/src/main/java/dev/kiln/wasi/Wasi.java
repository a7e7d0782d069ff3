package dev.kiln.wasi;

import dev.kiln.Function;
import dev.kiln.FunctionType;
import dev.kiln.Instance;
import dev.kiln.KilnException;
import dev.kiln.Runtime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * WASI preview 1: the {@code wasi_snapshot_preview1} host module that lets a WebAssembly
 * program use its arguments, environment, standard streams, clocks and randomness, and exit
 * with a code.
 *
 * <pre>{@code
 * try (Runtime rt = Runtime.create()) {
 *     Wasi wasi = Wasi.instantiate(rt, WasiConfig.defaults().withArgs("hello.wasm"));
 *     Instance hello = rt.instantiate(rt.compile(Path.of("hello.wasm")));
 *     int exitCode = wasi.run(hello);
 * }
 * }</pre>
 *
 * <p>Every preview1 function is linked with its exact signature, so any preview1 program
 * instantiates. Implemented: {@code args_*}, {@code environ_*}, {@code clock_*},
 * {@code random_get}, {@code proc_exit}, {@code sched_yield}, {@code poll_oneoff}, every
 * {@code fd_*} and {@code path_*} function over the standard streams and the directories
 * preopened with {@link WasiConfig#withPreopen} (a sandbox no guest path escapes), and
 * {@code sock_accept}/{@code sock_recv}/{@code sock_send}/{@code sock_shutdown} on the listening
 * sockets preopened with {@link WasiConfig#withListener} and their connections;
 * {@code proc_raise} is {@code ENOSYS}.
 *
 * <p>A bad pointer from the guest makes a call return {@code EFAULT}; the only exception that
 * leaves a WASI call is {@link WasiExitException}, from {@code proc_exit}.
 */
public final class Wasi implements AutoCloseable {

    /** The import module name of WASI preview 1. */
    public static final String MODULE_NAME = "wasi_snapshot_preview1";

    /** The function a WASI command exports as its entry point. */
    public static final String START_FUNCTION = "_start";

    private final WasiConfig config;
    private final Preview1Module module;
    private final Instance instance;

    private Wasi(WasiConfig config, Preview1Module module, Instance instance) {
        this.config = config;
        this.module = module;
        this.instance = instance;
    }

    /**
     * Registers {@value #MODULE_NAME} on {@code runtime}, configured by {@code config}; modules
     * instantiated afterwards import from it.
     *
     * @throws dev.kiln.LinkException if the runtime already has a module of that name
     * @throws IllegalArgumentException if a preopened directory no longer exists
     * @throws UncheckedIOException if a preopened listener was closed in the meantime
     */
    public static Wasi instantiate(Runtime runtime, WasiConfig config) {
        Objects.requireNonNull(config, "config");
        Preview1Module module = new Preview1Module(config);
        return new Wasi(config, module, module.register(runtime));
    }

    /** The configuration the module was created with. */
    public WasiConfig config() {
        return config;
    }

    /** The host module's instance, registered as {@value #MODULE_NAME}. */
    public Instance instance() {
        return instance;
    }

    /**
     * Runs a WASI command: calls its {@value #START_FUNCTION} export and returns the exit code,
     * 0 if {@code _start} returns, the {@code proc_exit} code if it exits.
     *
     * @throws KilnException if {@code command} exports no {@code _start} function of type
     *     {@code () -> ()}
     * @throws dev.kiln.TrapException if the program traps
     */
    public int run(Instance command) {
        return run(command, start(command));
    }

    /**
     * Runs a WASI command as {@link #run(Instance)} does, for at most {@code timeout}: then the
     * call is stopped through {@link Function#withTimeout}, also while the guest is blocked in a
     * WASI call (waiting in {@code poll_oneoff}, {@code sock_accept}, a socket read or write),
     * which every interruption ends (see {@link #interrupt}).
     *
     * @throws dev.kiln.TrapException of kind {@link dev.kiln.TrapKind#INTERRUPTED} if the time
     *     ran out, or another if the program trapped
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public int run(Instance command, Duration timeout) {
        return run(command, start(command).withTimeout(timeout));
    }

    private int run(Instance command, Function start) {
        module.waiter().clearWakeup();
        try {
            start.call();
            return 0;
        } catch (WasiExitException exit) {
            return exit.exitCode();
        }
    }

    private static Function start(Instance command) {
        if (!command.hasFunction(START_FUNCTION)) {
            throw new KilnException("not a WASI command: no '" + START_FUNCTION + "' function is exported");
        }
        Function start = command.function(START_FUNCTION);
        if (!start.type().equals(FunctionType.EMPTY)) {
            throw new KilnException("not a WASI command: '" + START_FUNCTION + "' has type " + start.type()
                    + ", not " + FunctionType.EMPTY);
        }
        return start;
    }

    /**
     * Stops the call from Java running in {@code instance}, a module that imports this WASI
     * module, even while it waits inside a WASI call: the same as {@link Instance#interrupt()},
     * which ends the wait of a {@code poll_oneoff}, a blocking {@code sock_accept} or a socket
     * read or write in progress (the call returns {@code EINTR}, and the interruption stops the
     * guest as soon as it is back in WebAssembly code) because every WASI call that can wait
     * registers with {@link Instance#wakeOnInterrupt}. A blocking read of stdin cannot be ended:
     * Java streams offer no way. Callable from any thread.
     *
     * @return whether a call was running to be interrupted
     */
    public boolean interrupt(Instance instance) {
        return instance.interrupt();
    }

    /**
     * Closes the files, directories and connections the guest left open. The standard streams
     * and the listeners stay open (the embedder owns them); the module's functions must not be
     * called afterwards.
     *
     * @throws UncheckedIOException if closing a file failed (all are closed regardless)
     */
    @Override
    public void close() {
        try {
            module.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
