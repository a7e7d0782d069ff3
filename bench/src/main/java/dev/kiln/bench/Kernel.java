package dev.kiln.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark kernel at one size: the WASI command to run and the checksum it must print.
 *
 * @param name the kernel name, also its program name ({@code argv[0]})
 * @param size the size argument ({@code argv[1]})
 * @param expectedChecksum the checksum from {@code checksums.tsv}, an unsigned 64-bit value
 * @param wasm the prebuilt module
 * @param source the C source it was built from
 * @param wasmFlags the extra compiler flags of its wasm build ({@code -mbulk-memory}, say); empty for none
 */
public record Kernel(String name, String size, long expectedChecksum, Path wasm, Path source, List<String> wasmFlags) {

    public Kernel {
        wasmFlags = List.copyOf(wasmFlags);
    }

    /** Throws if {@code output} is not this kernel's output with the expected checksum. */
    public void check(KernelOutput output, String engine) {
        if (!output.name().equals(name)) {
            throw new IllegalStateException(engine + ": " + name + " printed output for '" + output.name() + "'");
        }
        if (output.checksum() != expectedChecksum) {
            throw new IllegalStateException(engine + ": " + name + " " + size + " CHECKSUM MISMATCH: got "
                    + Long.toUnsignedString(output.checksum()) + ", expected "
                    + Long.toUnsignedString(expectedChecksum));
        }
    }
}
