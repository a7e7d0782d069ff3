package dev.kiln.cli;

import dev.kiln.EngineKind;
import dev.kiln.RuntimeConfig;
import dev.kiln.wasi.WasiPreopen;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed command line of {@code kiln run}: options, then the module, then the program's
 * arguments, which are passed through untouched even when they look like options.
 *
 * @param engine the engine to run the module on
 * @param inheritEnvironment whether the guest starts with the host's environment ({@code --inherit-env})
 * @param environment the variables of {@code --env}, set over the inherited ones if any
 * @param timeout how long {@code _start} may run ({@code --timeout}), or {@code null}
 * @param preopens the directories from {@code --dir} and {@code --mount}, in command-line order
 * @param listen the addresses of {@code --listen}, in command-line order, as {@code HOST:PORT}
 * @param module the module file
 * @param args the arguments after the module
 */
record RunOptions(EngineKind engine, boolean inheritEnvironment, Map<String, String> environment,
                  Timeout timeout, List<WasiPreopen> preopens, List<ListenAddress> listen, Path module,
                  List<String> args) {

    private static final Set<String> OPTIONS = Set.of("--engine", "--env", "--dir", "--mount", "--listen",
            "--timeout");
    private static final Set<String> FLAGS = Set.of("--inherit-env");

    /**
     * A {@code --timeout}.
     *
     * @param duration how long
     * @param text the duration as the user wrote it, for the message when it runs out
     */
    record Timeout(Duration duration, String text) {}

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
        boolean inherit = false;
        Timeout timeout = null;
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
            if (FLAGS.contains(option[0])) {
                if (option.length == 2) {
                    throw new UsageException("option '" + option[0] + "' takes no value");
                }
                inherit = true;
                i++;
                continue;
            }
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
                case "--timeout" -> timeout = new Timeout(duration(value), value);
                default -> preopens.add(mount(value));
            }
        }
        if (i == args.length) {
            throw new UsageException("missing MODULE.wasm");
        }
        return new RunOptions(engine, inherit, environment, timeout, List.copyOf(preopens), List.copyOf(listen),
                Path.of(args[i]),
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

    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)");

    /**
     * A duration the way Go and wazero write one: numbers with units, {@code 90s}, {@code 1.5h},
     * {@code 1m30s}, {@code 250ms}; units {@code h m s ms us ns}. It must be positive.
     */
    static Duration duration(String text) throws UsageException {
        Matcher part = DURATION_PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (part.lookingAt()) {
            BigDecimal unit = BigDecimal.valueOf(switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            });
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(unit));
            end = part.end();
            part.region(end, text.length());
        }
        if (end == 0 || end != text.length()) {
            throw new UsageException("--timeout wants a duration such as 30s, 500ms or 1m30s, got '" + text + "'");
        }
        if (nanos.signum() == 0 || nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new UsageException("--timeout must be more than 0 and less than 292 years, got '" + text + "'");
        }
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.CEILING).longValueExact());
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
