package dev.kiln.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.kiln.Runtime;
import dev.kiln.internal.compiler.engine.CompilerEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The compile time of one module (issue 9): Kiln's {@code Runtime.compile} on the optimizing
 * compiler (decode, validate, every function to x86-64), timed once. The JVM should be fresh,
 * as a user's first compile is: Kiln's compiler starts out interpreted and the JIT compiles it
 * while it works, on the same cores. Prints one line,
 * {@code kiln compile_ms=… functions=… code_mb=… …} ({@link Result#line()}).
 *
 * <p>Run it with {@code bench/run-compile.sh}, which puts it beside V8; {@link #USAGE} lists the
 * options.
 */
public final class CompileTimeBench {

    public static final String USAGE = """
            usage: CompileTimeBench [--threads N] FILE.wasm
              --threads  compile threads, the calling one included; MB/s per core divides by it
                         (default: every processor of this JVM)""";

    private static final int CODE_SECTION = 10;
    private static final byte[] PREAMBLE = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    private CompileTimeBench() {}

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("CompileTimeBench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        byte[] wasm = Files.readAllBytes(options.wasm());
        try {
            System.out.println(measure(wasm, options.threads()).line());
        } catch (RuntimeException e) {
            System.err.println("CompileTimeBench FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * The command line.
     *
     * @param wasm the module to compile
     * @param threads Kiln's compile threads
     */
    record Options(Path wasm, int threads) {

        /** @throws IllegalArgumentException on an unknown option, a bad value, or not exactly one file */
        static Options parse(String... args) {
            int threads = java.lang.Runtime.getRuntime().availableProcessors();
            Path wasm = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--threads")) {
                    if (++i >= args.length) {
                        throw new IllegalArgumentException("--threads needs a value");
                    }
                    threads = threadCount(args[i]);
                } else if (arg.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else if (wasm != null) {
                    throw new IllegalArgumentException("one module at a time, got " + wasm + " and " + arg);
                } else {
                    wasm = Path.of(arg);
                }
            }
            if (wasm == null) {
                throw new IllegalArgumentException("no module given");
            }
            return new Options(wasm, threads);
        }

        private static int threadCount(String text) {
            try {
                int n = Integer.parseInt(text);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--threads needs a whole number >= 1, got '" + text + "'");
        }
    }

    /**
     * One compile.
     *
     * @param functions the module's function bodies
     * @param codeBytes the sum of their sizes as the code section declares them (locals included,
     *     the size fields themselves not)
     * @param nanos the wall time of {@code Runtime.compile}
     * @param threads the compile threads it was given
     * @param peakHeapBytes the sum of every heap pool's peak use since the JVM started
     * @param maxHeapBytes the heap's bound, {@code -Xmx}
     * @param collector the garbage collector, for example {@code G1}
     */
    record Result(int functions, long codeBytes, long nanos, int threads, long peakHeapBytes, long maxHeapBytes,
            String collector) {

        /** Megabytes of code (10<sup>6</sup> bytes) compiled per second. */
        double megabytesPerSecond() {
            return codeBytes / 1e6 / (nanos / 1e9);
        }

        /** The result line: times in ms, code in MB (10<sup>6</sup> bytes), heap in MiB. */
        String line() {
            return String.format(Locale.ROOT,
                    "kiln compile_ms=%.1f functions=%d code_mb=%.3f mb_per_s=%.3f threads=%d mb_per_s_per_core=%.3f"
                            + " peak_heap_mib=%.1f max_heap_mib=%d gc=%s",
                    nanos / 1e6, functions, codeBytes / 1e6, megabytesPerSecond(), threads,
                    megabytesPerSecond() / threads, peakHeapBytes / (double) (1 << 20), maxHeapBytes >> 20, collector);
        }
    }

    /**
     * Compiles {@code wasm} on the compiler with {@code threads} compile threads in a runtime of
     * its own and times it. Reading the file and creating the runtime are outside the time, as
     * reading the file and starting node are outside V8's.
     *
     * @throws IllegalStateException if Kiln ran the module on its interpreter instead
     */
    static Result measure(byte[] wasm, int threads) {
        Code code = code(wasm);
        long nanos;
        try (FallbackWatch watch = new FallbackWatch();
                Runtime runtime = Runtime.create(KilnEngine.COMPILER.withCompileThreads(threads))) {
            long start = System.nanoTime();
            runtime.compile(wasm);
            nanos = System.nanoTime() - start;
            watch.requireNone();
        }
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return new Result(code.functions(), code.bytes(), nanos, threads, peakHeapBytes(),
                Long.parseLong(vm.getVMOption("MaxHeapSize").getValue()), collector(vm));
    }

    /**
     * What the code section declares.
     *
     * @param functions how many bodies it holds
     * @param bytes the sum of their sizes
     */
    record Code(int functions, long bytes) {}

    /**
     * Reads the code section's body sizes, skipping every other section and every body: the
     * figure needs no decoder, and it is the same whatever Kiln's decoder keeps.
     *
     * @throws IllegalArgumentException if {@code wasm} is not a module binary or ends early
     */
    static Code code(byte[] wasm) {
        if (wasm.length < PREAMBLE.length || !Arrays.equals(wasm, 0, PREAMBLE.length, PREAMBLE, 0, PREAMBLE.length)) {
            throw new IllegalArgumentException("not a WebAssembly 1.0 binary module");
        }
        Cursor in = new Cursor(wasm, PREAMBLE.length);
        while (in.position < wasm.length) {
            int id = in.u8();
            long size = in.u32();
            if (id != CODE_SECTION) {
                in.skip(size);
                continue;
            }
            int functions = (int) in.u32();
            long bytes = 0;
            for (int i = 0; i < functions; i++) {
                long body = in.u32();
                in.skip(body);
                bytes += body;
            }
            return new Code(functions, bytes);
        }
        return new Code(0, 0);
    }

    /** A read position in a module binary. */
    private static final class Cursor {

        private final byte[] bytes;
        private int position;

        Cursor(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        int u8() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("the module ends early, at byte " + position);
            }
            return bytes[position++] & 0xFF;
        }

        /** An unsigned LEB128 of at most 32 bits (five bytes). */
        long u32() {
            long value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u8();
                value |= (long) (b & 0x7F) << shift;
                if (b < 0x80) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a LEB128 longer than five bytes ends at byte " + position);
        }

        void skip(long n) {
            if (n > bytes.length - position) {
                throw new IllegalArgumentException("the module ends early: " + n + " bytes from byte " + position);
            }
            position += (int) n;
        }
    }

    /**
     * Each heap pool's peak, summed: more than the heap ever held at once when the pools peaked
     * at different moments (eden just before a collection, the old generation after), so an
     * upper bound.
     */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The collector this JVM runs, named after its {@code Use…GC} flag. */
    private static String collector(HotSpotDiagnosticMXBean vm) {
        for (String name : List.of("Serial", "Parallel", "G1", "Z", "Shenandoah", "Epsilon")) {
            try {
                if (vm.getVMOption("Use" + name + "GC").getValue().equals("true")) {
                    return name;
                }
            } catch (IllegalArgumentException e) {
                // a collector this JVM was built without
            }
        }
        return "unknown";
    }

    /**
     * Listens for what Kiln says when it runs a module on its interpreter rather than compiling
     * it: {@code Runtime} without native access, {@code CompilerEngine} for a module its compiler
     * cannot take yet (v128). The time would then be the interpreter's set-up, not a compile.
     * Both say it through {@link System.Logger}, which the JDK backs with
     * {@code java.util.logging}, one logger per class name, and neither logs anything else.
     */
    private static final class FallbackWatch implements AutoCloseable {

        /** Held here because {@code java.util.logging} keeps loggers only weakly, handlers and all. */
        private final List<Logger> loggers = Stream.of(Runtime.class, CompilerEngine.class)
                .map(c -> Logger.getLogger(c.getName()))
                .toList();
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    messages.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };

        FallbackWatch() {
            handler.setLevel(Level.INFO);
            loggers.forEach(logger -> logger.addHandler(handler));
        }

        /** @throws IllegalStateException with what Kiln said, if it said anything */
        void requireNone() {
            if (!messages.isEmpty()) {
                throw new IllegalStateException("Kiln did not compile the module: " + String.join("; ", messages));
            }
        }

        @Override
        public void close() {
            loggers.forEach(logger -> logger.removeHandler(handler));
        }
    }
}
