/**
 * Kiln: a WebAssembly runtime for the JVM. Only the public API packages are exported; every
 * {@code dev.kiln.internal} package is an implementation detail.
 */
module dev.kiln {
    // For the CPU time of the thread running a WASI guest (clock_time_get).
    requires java.management;

    exports dev.kiln;
    exports dev.kiln.wasi;
}
