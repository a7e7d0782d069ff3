package dev.kiln.cli;

import dev.kiln.CompileException;
import dev.kiln.CompiledModule;
import dev.kiln.ExportDescription;
import dev.kiln.ExternKind;
import dev.kiln.Instance;
import dev.kiln.KilnException;
import dev.kiln.LinkException;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.wasi.Wasi;
import dev.kiln.wasi.WasiConfig;
import dev.kiln.wasi.WasiExitException;
import dev.kiln.wasi.WasiPreopen;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kiln run}: compiles a WASI command, links it against {@code wasi_snapshot_preview1}
 * and runs {@code _start}. Every failure becomes one {@code kiln: } line on stderr (a trap adds
 * its WebAssembly stack trace) and a distinct {@link ExitStatus}.
 */
final class RunCommand {

    /** Connections the kernel queues for a {@code --listen} socket before the guest accepts them. */
    private static final int BACKLOG = 128;

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    RunCommand(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** Runs the command line after {@code run}; returns the exit status. */
    int run(RunOptions options) {
        for (WasiPreopen preopen : options.preopens()) {
            Path directory = preopen.hostDirectory();
            if (!Files.isDirectory(directory)) {
                return fail(ExitStatus.NO_DIRECTORY, "cannot preopen " + directory + ": "
                        + (Files.exists(directory) ? "not a directory" : "no such directory"));
            }
        }
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            for (RunOptions.ListenAddress address : options.listen()) {
                try {
                    listeners.add(listen(address));
                } catch (IOException e) {
                    return fail(ExitStatus.CANNOT_LISTEN, "cannot listen on " + address + ": " + socketReason(e));
                }
            }
            return runModule(options, listeners);
        } finally {
            for (ServerSocketChannel listener : listeners) {
                try {
                    listener.close();
                } catch (IOException ignored) {
                    // the process is about to exit; nothing else holds the socket
                }
            }
        }
    }

    /** A listening socket on {@code address}, the way {@code wazero run -listen} opens one. */
    private static ServerSocketChannel listen(RunOptions.ListenAddress address) throws IOException {
        InetSocketAddress socketAddress = address.host().isEmpty() ? new InetSocketAddress(address.port())
                : new InetSocketAddress(address.host(), address.port());
        if (socketAddress.isUnresolved()) {
            throw new UnknownHostException("unknown host");
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            return channel.bind(socketAddress, BACKLOG);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@code java.net} messages are the C library's {@code strerror} texts, capitalised. */
    private static String socketReason(IOException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.toLowerCase(Locale.ROOT);
    }

    private int runModule(RunOptions options, List<ServerSocketChannel> listeners) {
        Path file = options.module();
        byte[] wasm;
        try {
            wasm = Files.readAllBytes(file);
        } catch (IOException e) {
            return fail(ExitStatus.UNREADABLE_FILE, "cannot read " + file + ": " + reason(e));
        }
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(options.engine()))) {
            CompiledModule module = runtime.compile(wasm);
            if (!hasStart(module)) {
                return fail(ExitStatus.NOT_A_COMMAND, file + " is not a WASI command: it exports no function "
                        + Wasi.START_FUNCTION + " of type () -> ()");
            }
            try (Wasi wasi = Wasi.instantiate(runtime, wasiConfig(options, listeners))) {
                Instance instance = runtime.instantiate(module);
                return options.timeout() == null ? wasi.run(instance)
                        : wasi.run(instance, options.timeout().duration());
            }
        } catch (CompileException e) {
            return e.reason() == CompileException.Reason.MALFORMED
                    ? fail(ExitStatus.MALFORMED_MODULE, "malformed module " + file + ": " + e.getMessage())
                    : fail(ExitStatus.INVALID_MODULE, "invalid module " + file + ": " + e.getMessage());
        } catch (LinkException e) {
            return fail(ExitStatus.LINK_ERROR, "cannot link " + file + ": " + e.getMessage());
        } catch (TrapException e) {
            if (e.kind() == TrapKind.INTERRUPTED && options.timeout() != null) {
                return fail(ExitStatus.TIMEOUT, "timed out after " + options.timeout().text());
            }
            return fail(ExitStatus.TRAP, e.describe());
        } catch (WasiExitException e) {
            return e.exitCode(); // proc_exit from the module's start function, during instantiation
        } catch (KilnException e) {
            return fail(ExitStatus.ERROR, "cannot run " + file + ": " + e.getMessage());
        } finally {
            out.flush();
            err.flush();
        }
    }

    private WasiConfig wasiConfig(RunOptions options, List<ServerSocketChannel> listeners) {
        List<String> argv = new ArrayList<>();
        argv.add(options.module().getFileName().toString());
        argv.addAll(options.args());
        WasiConfig config = WasiConfig.defaults();
        for (WasiPreopen preopen : options.preopens()) {
            config = config.withPreopen(preopen);
        }
        for (ServerSocketChannel listener : listeners) {
            config = config.withListener(listener);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        if (options.inheritEnvironment()) {
            environment.putAll(new TreeMap<>(System.getenv()));
        }
        environment.putAll(options.environment());
        return config
                .withArgs(argv)
                .withEnvironment(environment)
                .withStdin(stdin)
                .withStdout(out)
                .withStderr(err);
    }

    private static boolean hasStart(CompiledModule module) {
        for (ExportDescription export : module.exports()) {
            if (export.name().equals(Wasi.START_FUNCTION) && export.kind() == ExternKind.FUNCTION) {
                return export.functionType().params().isEmpty() && export.functionType().results().isEmpty();
            }
        }
        return false;
    }

    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException missing -> "no such file";
            case AccessDeniedException denied -> "permission denied";
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }

    private int fail(int exitCode, String message) {
        err.println("kiln: " + message);
        return exitCode;
    }
}
