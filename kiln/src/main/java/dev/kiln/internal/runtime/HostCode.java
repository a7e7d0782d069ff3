package dev.kiln.internal.runtime;

/**
 * The Java code behind a {@link HostFunctionInstance}, seen from the runtime: it gets the calling
 * module instance, and the public API turns that into what a {@link dev.kiln.HostFunction} sees.
 * Keeping the public {@link dev.kiln.Instance} out of this package keeps the runtime model free of
 * its facade.
 */
@FunctionalInterface
public interface HostCode {

    /**
     * @param caller the instance whose code made the call, or {@code null} when called from Java
     * @param stack parameters in, results out
     */
    void call(ModuleInstance caller, long[] stack);
}
