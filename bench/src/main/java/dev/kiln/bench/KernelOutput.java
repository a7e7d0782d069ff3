package dev.kiln.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a kernel prints: {@code NAME checksum=<u64> kernel_ms=<float>}.
 *
 * @param name the kernel name it printed
 * @param checksum the checksum, an unsigned 64-bit value held in a {@code long}
 * @param kernelMs the kernel's own time, measured inside the guest with the monotonic clock
 */
public record KernelOutput(String name, long checksum, double kernelMs) {

    private static final Pattern LINE =
            Pattern.compile("^(\\S+) checksum=(\\d+) kernel_ms=([0-9.eE+-]+)$", Pattern.MULTILINE);

    /** Finds the result line in a kernel's standard output. */
    public static KernelOutput parse(String stdout) {
        Matcher m = LINE.matcher(stdout);
        if (!m.find()) {
            throw new IllegalStateException("no 'NAME checksum=N kernel_ms=T' line in the output: " + quote(stdout));
        }
        return new KernelOutput(m.group(1), Long.parseUnsignedLong(m.group(2)), Double.parseDouble(m.group(3)));
    }

    private static String quote(String text) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }
}
