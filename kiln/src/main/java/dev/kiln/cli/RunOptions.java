package dev.kiln.cli;

import dev.kiln.EngineKind;
import dev.kiln.RuntimeConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line of {@code kiln run}: options, then the module, then the program's
 * arguments, which are passed through untouched even when they look like options.
 *
 * @param engine the engine to run the module on
 * @param environment the guest's complete environment, from {@code --env}
 * @param module the module file
 * @param args the arguments after the module
 */
record RunOptions(EngineKind engine, Map<String, String> environment, Path module, List<String> args) {

    static RunOptions parse(String[] args) throws UsageException {
        EngineKind engine = RuntimeConfig.defaults().engine();
        Map<String, String> environment = new LinkedHashMap<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            if (args[i].equals("--")) {
                i++;
                break;
            }
            String[] option = args[i].split("=", 2);
            if (!option[0].equals("--engine") && !option[0].equals("--env")) {
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
            if (option[0].equals("--engine")) {
                engine = engine(value);
            } else {
                addVariable(environment, value);
            }
        }
        if (i == args.length) {
            throw new UsageException("missing MODULE.wasm");
        }
        return new RunOptions(engine, environment, Path.of(args[i]), List.of(Arrays.copyOfRange(args, i + 1, args.length)));
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
