package dev.kiln.bench;

/** A WebAssembly runtime under comparison, able to run WASI commands. */
public interface WasiEngine {

    /** The name shown in result tables, for example {@code Kiln}. */
    String name();

    /**
     * Prepares a WASI command module for repeated runs. Whatever the runtime can share between
     * runs (a parsed or compiled module) is done here, once.
     */
    WasiCommand load(byte[] wasm);
}
