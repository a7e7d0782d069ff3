/**
 * Kiln: a WebAssembly runtime for the JVM. Only the public API packages are exported; every
 * {@code dev.kiln.internal} package is an implementation detail.
 */
module dev.kiln {
    exports dev.kiln;
}
