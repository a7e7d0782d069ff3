package dev.kiln.cli;

import dev.kiln.EngineKind;
import dev.kiln.RuntimeConfig;
import dev.kiln.wasi.WasiPreopen;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line of {@code kiln run}: options, then the module, then the program's
 * arguments, which are passed through untouched even when they look like options.
 *
 * @param engine the engine to run the module on
 * @param environment the guest's complete environment, from {@code --env}
 * @param preopens the directories from {@code --dir} and {@code --mount}, in command-line order
 * @param listen the addresses of {@code --listen}, in command-line order, as {@code HOST:PORT}
 * @param module the module file
 * @param args the arguments after the module
 */
record RunOptions(EngineKind engine, Map<String, String> environment, List<WasiPreopen> preopens,
                  List<ListenAddress> listen, Path module, List<String> args) {

    private static final Set<String> OPTIONS = Set.of("--engine", "--env", "--dir", "--mount", "--listen");

    /**
     * A {@code --listen} address, not yet resolved (that happens when the socket is opened, so a
     * bad host is a one-line error, not a usage error).
     *
     * @param host a name or address; empty for every local address
     * @param port 0 to 65535 (0: any free port)
     */
    record ListenAddress(String host, int port) {

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static RunOptions parse(String[] args) throws UsageException {
        EngineKind engine = RuntimeConfig.defaults().engine();
        Map<String, String> environment = new LinkedHashMap<>();
        List<WasiPreopen> preopens = new ArrayList<>();
        List<ListenAddress> listen = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            if (args[i].equals("--")) {
                i++;
                break;
            }
            String[] option = args[i].split("=", 2);
            if (!OPTIONS.contains(option[0])) {
                throw new UsageException("unknown option '" + option[0] + "'");
            }
            String value;
            if (option.length == 2) {
                value = option[1];
                i += 1;
            } else {
                value = valueAfter(args, i);
                i += 2;
            }
            switch (option[0]) {
                case "--engine" -> engine = engine(value);
                case "--env" -> addVariable(environment, value);
                case "--dir" -> preopens.add(dir(value));
                case "--listen" -> listen.add(listenAddress(value));
                default -> preopens.add(mount(value));
            }
        }
        if (i == args.length) {
            throw new UsageException("missing MODULE.wasm");
        }
        return new RunOptions(engine, environment, List.copyOf(preopens), List.copyOf(listen), Path.of(args[i]),
                List.of(Arrays.copyOfRange(args, i + 1, args.length)));
    }

    /** {@code --dir HOST[::GUEST]} (wasmtime's spelling): the guest path defaults to HOST as written. */
    private static WasiPreopen dir(String value) throws UsageException {
        int separator = value.indexOf("::");
        String host = separator < 0 ? value : value.substring(0, separator);
        String guest = separator < 0 ? value : value.substring(separator + 2);
        if (host.isEmpty() || guest.isEmpty()) {
            throw new UsageException("--dir wants HOST[::GUEST], got '" + value + "'");
        }
        return preopen(host, guest, false, "--dir");
    }

    /** {@code --mount HOST:GUEST[:ro]} (wazero's spelling). */
    private static WasiPreopen mount(String value) throws UsageException {
        boolean readOnly = value.endsWith(":ro");
        String mapping = readOnly ? value.substring(0, value.length() - 3) : value;
        int separator = mapping.lastIndexOf(':');
        if (separator <= 0 || separator == mapping.length() - 1) {
            throw new UsageException("--mount wants HOST:GUEST[:ro], got '" + value + "'");
        }
        return preopen(mapping.substring(0, separator), mapping.substring(separator + 1), readOnly, "--mount");
    }

    /** {@code --listen HOST:PORT}, with {@code [ADDRESS]:PORT} for IPv6 (as in URLs). */
    private static ListenAddress listenAddress(String value) throws UsageException {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            colon = -1; // an IPv6 address without brackets: the port cannot be told apart
        }
        String port = value.substring(colon + 1);
        if (colon < 0 || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new UsageException("--listen wants HOST:PORT (PORT 0 to 65535), got '" + value + "'");
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    private static WasiPreopen preopen(String host, String guest, boolean readOnly, String option)
            throws UsageException {
        try {
            return new WasiPreopen(Path.of(host), guest, readOnly);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static String valueAfter(String[] args, int option) throws UsageException {
        if (option + 1 == args.length) {
            throw new UsageException("option '" + args[option] + "' needs a value");
        }
        return args[option + 1];
    }

    private static EngineKind engine(String name) throws UsageException {
        try {
            return EngineKind.fromCliName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void addVariable(Map<String, String> environment, String assignment) throws UsageException {
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("--env wants NAME=VALUE, got '" + assignment + "'");
        }
        environment.put(assignment.substring(0, equals), assignment.substring(equals + 1));
    }
}
