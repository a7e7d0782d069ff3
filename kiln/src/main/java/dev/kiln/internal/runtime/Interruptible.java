package dev.kiln.internal.runtime;

/**
 * One thread's execution state in an engine, as far as interruption is concerned: a flag that
 * the engine's running code polls (the interpreter on taken back-edges and calls; compiled code
 * at loop headers and function entries) and, once it is raised, stops with an
 * {@link dev.kiln.TrapKind#INTERRUPTED} trap. The flag stays raised until the thread's
 * outermost call into WebAssembly ends, so a host function that catches the trap cannot carry
 * on running WebAssembly code below it.
 */
public interface Interruptible {

    /** Raises the flag; callable from any thread, returns at once. */
    void interrupt();

    /** Whether the flag is raised. */
    boolean isInterrupted();
}
