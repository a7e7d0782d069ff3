package dev.kiln.wasi;

import dev.kiln.KilnException;

/**
 * The guest called {@code proc_exit}: the program is over. Thrown out of the WebAssembly call
 * that was running (usually {@code _start}); the frames in between are abandoned, as with a
 * trap, but this is a normal way for a program to end, with an exit code.
 */
public final class WasiExitException extends KilnException {

    private final int exitCode;

    /** An exit with {@code exitCode}, the guest's {@code u32} exit code. */
    public WasiExitException(int exitCode) {
        super("exit code " + Integer.toUnsignedString(exitCode));
        this.exitCode = exitCode;
    }

    /** The code the guest passed to {@code proc_exit}, read as an unsigned 32-bit integer by convention. */
    public int exitCode() {
        return exitCode;
    }
}
