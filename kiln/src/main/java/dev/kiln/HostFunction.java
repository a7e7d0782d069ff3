package dev.kiln;

/**
 * A function implemented in Java that WebAssembly can import.
 *
 * <p>Values travel as {@code long} slots (see {@link ValueType}): the parameters are in
 * {@code stack[0..paramSlots)}, and the function writes its results to
 * {@code stack[0..resultSlots)} of the same array, whose length is the larger of the two.
 * The array is the engine's and valid only until the function returns: an engine may hand the
 * same array to a later call.
 *
 * <p>An exception thrown here abandons the WebAssembly frames between the host function and
 * the Java code that entered WebAssembly, and reaches that code unchanged.
 */
@FunctionalInterface
public interface HostFunction {

    /**
     * @param caller the instance whose code called this function (use it to reach the caller's
     *     {@link Instance#memory() memory}), or {@code null} when called directly from Java
     * @param stack parameters in, results out
     */
    void call(Instance caller, long[] stack);
}
