package dev.kiln.internal.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileException;
import dev.kiln.internal.validate.Validator;
import dev.kiln.internal.wasm.Module;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds the front end (decoder, then validator) damaged modules: truncations, bit flips,
 * inserted, deleted, duplicated and overwritten bytes of real modules, and random bytes behind a
 * valid header. Each input must be accepted or be rejected with a {@link CompileException},
 * quickly; nothing else may escape. Decoding with the body checks deferred to the validator's
 * read ({@link ModuleDecoder#decodeDeferringBodies}) must give the same outcome as decoding
 * and then validating. The
 * inputs come from a fixed seed, so a failure names an input that can be replayed.
 */
class BadInputTest {

    private static final long SEED = 0x4B494C4EL; // "KILN"
    private static final int INPUTS = 120_000;
    private static final int BIG_PROGRAM_INPUTS = 200;
    private static final long MAX_NANOS_PER_INPUT = TimeUnit.SECONDS.toNanos(2);

    /** Bytes that matter to the format: LEB128 continuation, block structure, prefixes, types. */
    private static final int[] INTERESTING = {0x00, 0x01, 0x02, 0x05, 0x0B, 0x40, 0x60, 0x6F, 0x70, 0x7B, 0x7F,
        0x80, 0xC0, 0xD2, 0xFC, 0xFD, 0xFF};

    private int decoded;
    private int rejected;
    private long slowestNanos;
    private final List<String> failures = new ArrayList<>();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyInputDecodesOrIsRejected() {
        Path shared = SpecScripts.shared();
        List<byte[]> corpus = Stream.concat(RoundTripTest.wasmFiles(shared.resolve("spectest/v2")),
                RoundTripTest.wasmFiles(shared.resolve("bench/wasm"))).map(SpecScripts::read).toList();
        List<byte[]> bigPrograms = RoundTripTest.wasmFiles(shared.resolve(
                "wasi-testsuite/tests/rust/testsuite/wasm32-wasip1")).limit(2).map(SpecScripts::read).toList();
        Random random = new Random(SEED);

        for (int i = 0; i < INPUTS && failures.size() < 20; i++) {
            byte[] original = corpus.get(random.nextInt(corpus.size()));
            run(i, original, random);
        }
        for (int i = 0; i < BIG_PROGRAM_INPUTS && failures.size() < 20; i++) {
            run(INPUTS + i, bigPrograms.get(i % bigPrograms.size()), random);
        }

        System.out.printf("bad input: %d inputs, %d decoded, %d rejected, slowest %.1f ms%n",
                INPUTS + BIG_PROGRAM_INPUTS, decoded, rejected, slowestNanos / 1e6);
        assertTrue(failures.isEmpty(), "seed " + SEED + ":\n" + String.join("\n", failures));
    }

    /** Decodes {@code original} after one to three mutations. */
    private void run(int index, byte[] original, Random random) {
        byte[] input = original;
        StringBuilder kinds = new StringBuilder();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            int kind = random.nextInt(8);
            input = mutate(kind, input, random);
            kinds.append(r == 0 ? "" : ",").append(kind);
        }
        long start = System.nanoTime();
        String sequential = outcome(input, false);
        String deferred = outcome(input, true);
        if (!sequential.equals(deferred)) {
            failures.add("input " + index + " (mutations " + kinds + "): decode then validate gave " + sequential
                    + ", decoding with deferred body checks gave " + deferred);
        }
        try {
            Module m = ModuleDecoder.decode(input);
            decoded++;
            if (input.length < 100_000) { // what decodes must also encode and decode back the same
                String difference = RoundTripTest.roundTrip(input);
                if (difference != null) {
                    failures.add("input " + index + " (mutations " + kinds + "): round trip: " + difference);
                }
            }
            assertTrue(m.code().size() == m.functionTypeIndices().length);
            Validator.validate(m);
        } catch (CompileException expected) {
            rejected++;
        } catch (Throwable t) { // anything else is a front-end bug, including Errors
            failures.add("input " + index + " (mutations " + kinds + ", " + input.length + " bytes): " + t);
        }
        long took = System.nanoTime() - start;
        slowestNanos = Math.max(slowestNanos, took);
        if (took > MAX_NANOS_PER_INPUT) {
            failures.add("input " + index + " (mutations " + kinds + ") took " + took / 1_000_000 + " ms");
        }
    }

    /**
     * What the front end makes of {@code input}: "valid", or the failure's reason, offset and
     * message. With {@code deferred}, the way {@link dev.kiln.Runtime#compile} does it: the
     * validator's read of each body also checks that it is well-formed, and a failure is
     * reported only after every body has been checked.
     */
    static String outcome(byte[] input, boolean deferred) {
        try {
            if (deferred) {
                Module m = ModuleDecoder.decodeDeferringBodies(input);
                try {
                    Validator.validate(m);
                } catch (CompileException e) {
                    ModuleDecoder.requireWellFormedBodies(m);
                    throw e;
                }
            } else {
                Validator.validate(ModuleDecoder.decode(input));
            }
            return "valid";
        } catch (CompileException e) {
            return e.reason() + " at " + e.offset() + ": " + e.getMessage();
        }
    }

    /** One damaged copy of {@code original}; damage lands after the header unless it is the header's turn. */
    private static byte[] mutate(int kind, byte[] original, Random random) {
        int n = original.length;
        return switch (kind) {
            case 0 -> Arrays.copyOf(original, random.nextInt(n + 1)); // truncate
            case 1 -> flipBits(original, random);
            case 2 -> insert(original, randomBytes(random, 1 + random.nextInt(8)), position(random, n));
            case 3 -> delete(original, position(random, n), 1 + random.nextInt(16));
            case 4 -> overwrite(original, random);
            case 5 -> WasmBytes.concat(WasmBytes.hex(WasmBytes.HEADER), randomBytes(random, random.nextInt(512)));
            case 6 -> duplicateChunk(original, random);
            default -> insert(original, WasmBytes.hex("ff ff ff ff 0f"), position(random, n)); // a huge u32
        };
    }

    private static int position(Random random, int length) {
        return length <= 8 ? random.nextInt(length + 1) : 8 + random.nextInt(length - 8 + 1);
    }

    private static byte[] flipBits(byte[] original, Random random) {
        byte[] b = original.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && b.length > 0; i++) {
            int p = Math.min(position(random, b.length), b.length - 1);
            b[p] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private static byte[] overwrite(byte[] original, Random random) {
        byte[] b = original.clone();
        int writes = 1 + random.nextInt(4);
        for (int i = 0; i < writes && b.length > 0; i++) {
            int p = Math.min(position(random, b.length), b.length - 1);
            b[p] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
        }
        return b;
    }

    private static byte[] insert(byte[] original, byte[] bytes, int at) {
        return WasmBytes.concat(Arrays.copyOfRange(original, 0, at), bytes,
                Arrays.copyOfRange(original, at, original.length));
    }

    private static byte[] delete(byte[] original, int at, int count) {
        int end = Math.min(original.length, at + count);
        return WasmBytes.concat(Arrays.copyOfRange(original, 0, at), Arrays.copyOfRange(original, end, original.length));
    }

    /** Copies a chunk elsewhere: repeated sections, repeated instructions, shifted sizes. */
    private static byte[] duplicateChunk(byte[] original, Random random) {
        int from = position(random, original.length);
        int to = Math.min(original.length, from + 1 + random.nextInt(64));
        return insert(original, Arrays.copyOfRange(original, from, to), position(random, original.length));
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
