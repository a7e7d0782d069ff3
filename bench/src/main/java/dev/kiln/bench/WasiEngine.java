package dev.kiln.bench;

/** An engine under comparison, able to run the kernels: a WebAssembly runtime, or native code. */
public interface WasiEngine {

    /** The name shown in result tables, for example {@code Kiln}. */
    String name();

    /**
     * Prepares a kernel for repeated runs. Whatever the engine can share between runs (a parsed
     * or compiled module, a native build) is done here, once per kernel.
     */
    WasiCommand load(Kernel kernel);
}
