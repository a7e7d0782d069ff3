package dev.kiln.cli;

import dev.kiln.internal.spectest.SpecTestCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code kiln} command: {@code kiln run MODULE.wasm [ARGS...]}, {@code kiln spectest PATH...},
 * {@code kiln version}, {@code kiln help}. See {@link Usage} for the options and exit statuses.
 *
 * <p>{@link #main} is the only place that exits the JVM; everything else returns the status,
 * so the command can be run and tested in-process with {@link #run}.
 */
public final class Main {

    private final InputStream stdin;

    /** A command whose WebAssembly programs read {@code stdin}. */
    public Main(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Runs the command line {@code args} on the JVM's standard streams and exits with its status. */
    public static void main(String[] args) {
        System.exit(new Main(System.in).run(args, System.out, System.err));
    }

    /**
     * Runs the command line {@code args}, writing to {@code out} and {@code err}.
     *
     * @return the exit status
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("kiln: missing command");
            err.print(Usage.text());
            return ExitStatus.USAGE;
        }
        try {
            return dispatch(args, out, err);
        } catch (UsageException e) {
            // One line, so it is not lost above a screenful of usage text.
            err.println("kiln: " + e.getMessage() + " (see 'kiln help')");
            return ExitStatus.USAGE;
        }
    }

    private int dispatch(String[] args, PrintStream out, PrintStream err) throws UsageException {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "run" -> new RunCommand(stdin, out, err).run(RunOptions.parse(rest));
            case "spectest" -> SpecTestCommand.run(rest, out, err);
            case "version", "--version" -> {
                out.println("kiln " + Version.current());
                out.println(Version.engine());
                yield ExitStatus.SUCCESS;
            }
            case "help", "--help", "-h" -> {
                out.print(Usage.text());
                yield ExitStatus.SUCCESS;
            }
            default -> throw new UsageException("unknown command '" + args[0] + "'");
        };
    }
}
