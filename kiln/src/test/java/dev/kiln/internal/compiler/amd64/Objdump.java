package dev.kiln.internal.compiler.amd64;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs GNU objdump on raw x86-64 bytes and parses what it decodes. objdump is installed on every
 * machine this project builds on; if it is missing, the test fails (it does not skip), because
 * without it the encoder is unchecked.
 */
final class Objdump {

    /** One decoded instruction: where it starts, how many bytes it took, and its Intel text. */
    record Decoded(int offset, int length, String text) {
    }

    // "  1a:\t48 83 c0 01    \tadd    rax,0x1"; --insn-width=15 keeps each instruction on one line.
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t((?:[0-9a-f]{2} )*[0-9a-f]{2})\\s*\\t(.*)$");

    private Objdump() {
    }

    static List<Decoded> disassemble(byte[] code) {
        Path file = null;
        try {
            file = Files.createTempFile("kiln-asm", ".bin");
            Files.write(file, code);
            Process p;
            try {
                p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                        "--insn-width=15", file.toString())
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                return fail("GNU objdump (binutils) is required to check the x86-64 encoder and was not found "
                        + "on the PATH: install binutils. (" + e.getMessage() + ")");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return fail("objdump failed:\n" + out);
            }
            return parse(out);
        } catch (IOException e) {
            return fail("cannot run objdump: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running objdump");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    static List<Decoded> parse(String out) {
        List<Decoded> result = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                int length = (m.group(2).length() + 1) / 3;
                result.add(new Decoded(Integer.parseInt(m.group(1), 16), length, normalize(m.group(3))));
            }
        }
        return result;
    }

    /** Collapses whitespace runs, the only liberty the comparison takes with objdump's text. */
    static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
