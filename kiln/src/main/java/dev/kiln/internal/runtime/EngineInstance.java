package dev.kiln.internal.runtime;

import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.TableType;

/**
 * An engine's state for one instance: it makes the instance's functions, memories, tables and
 * globals, hears the steps of instantiation, and is closed with the instance. The interpreter
 * needs nothing beyond the defaults; native code keeps its module context here (the memory
 * descriptors, global cells and tables it reads, the imported functions it calls).
 *
 * <p>{@link Instantiator} calls, in order: {@link #importsResolved} once the imports are in the
 * instance's arrays (adopt them), {@link #createFunctions}, then {@link #createTable},
 * {@link #createMemory} and {@link #createGlobal} for each definition in index order,
 * {@link #instantiated} after the segments are applied (before the start function), and
 * {@link #close} when the instance closes, also when instantiation failed.
 */
public interface EngineInstance {

    /** The callable functions the module defines (not its imports), in index order. */
    FunctionInstance[] createFunctions();

    /** The imports are resolved: {@code instance}'s arrays hold them. */
    default void importsResolved() {}

    /** A table the module defines, empty (null references). */
    default TableInstance createTable(ModuleInstance instance, TableType type) {
        return new TableInstance(type, instance.arena());
    }

    /**
     * A memory the module defines, of its minimum size.
     *
     * @param limitPages the runtime's limit on any memory
     */
    default MemoryInstance createMemory(ModuleInstance instance, MemoryType type, long limitPages) {
        return new MemoryInstance(type, limitPages);
    }

    /** A global the module defines, holding its initial value. */
    default GlobalInstance createGlobal(ModuleInstance instance, GlobalType type, long value, long high) {
        return new GlobalInstance(type, instance.arena(), value, high);
    }

    /** The segments are applied; the start function has not run yet. */
    default void instantiated() {}

    /** The instance closed: free what this state holds. Called once. */
    default void close() {}
}
