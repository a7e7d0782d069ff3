package dev.kiln.cli;

import dev.kiln.EngineKind;
import dev.kiln.RuntimeConfig;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The text {@code kiln help} prints, and that follows every usage error. */
final class Usage {

    private Usage() {}

    /** The usage text, listing the engines this build has. */
    static String text() {
        String engines = Arrays.stream(EngineKind.values()).map(EngineKind::cliName).collect(Collectors.joining(", "));
        return TEXT.formatted(engines, RuntimeConfig.defaults().engine().cliName());
    }

    private static final String TEXT = """
            usage: kiln <command> [arguments]

            commands:
              run [--engine NAME] [--env NAME=VALUE]... [--inherit-env] [--timeout DURATION]
                  [--dir HOST[::GUEST]]... [--mount HOST:GUEST[:ro]]... [--listen HOST:PORT]...
                  MODULE.wasm [ARGS...]
                        run a WASI command: call its _start export with argv = MODULE's file
                        name then ARGS, the environment given by --env (nothing is inherited
                        without --inherit-env), the terminal's standard streams, only the
                        directories given by --dir and --mount and the sockets of --listen
              spectest [--engine NAME] [--verbose] PATH...
                        run the official spec-test scripts (wast2json .json files, or the
                        directories holding them); prints one 'file: passed/failed/skipped'
                        line per script, then 'N passed, M failed, K skipped'; exits 1 if
                        anything failed
              version   print the version
              help      print this text

            run options (before MODULE.wasm; '--' ends them):
              --engine NAME       one of: %s (default: %s)
              --env NAME=VALUE    add an environment variable; repeatable
              --inherit-env       start from this process's environment (--env still wins)
              --timeout DURATION  stop the program after DURATION (30s, 500ms, 1m30s, 1.5h),
                                  also while it waits in poll_oneoff or on a socket
              --dir HOST[::GUEST] let the program use directory HOST as GUEST (default: HOST
                                  as written); nothing outside it is reachable; repeatable
              --mount HOST:GUEST[:ro]
                                  the same; with :ro every change is refused (EROFS)
              --listen HOST:PORT  give the program a TCP socket listening on HOST:PORT
                                  ([ADDRESS]:PORT for IPv6) as the descriptor after the
                                  directories, to sock_accept connections from; repeatable

            exit status of 'kiln run': the program's exit code (0 when _start returns), or
                1  other runtime error                2  usage error
                3  the module file cannot be read     4  malformed module (not WebAssembly)
                5  invalid module                     6  link error (unknown or mismatched import)
                7  no _start function (not a command) 8  a --dir/--mount directory is missing
                9  a --listen address cannot be used  124  --timeout ran out
              134  the program trapped
            """;
}
