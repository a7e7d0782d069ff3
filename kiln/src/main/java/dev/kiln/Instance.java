package dev.kiln;

import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.GlobalInstance;
import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.TableInstance;

/**
 * An instantiated module: its exports, callable and readable from Java.
 *
 * <p>An instance is single-threaded: call into it from one thread at a time. Closing it removes
 * its registration from the {@link Runtime}; using it afterwards throws
 * {@link IllegalStateException}.
 */
public final class Instance implements AutoCloseable {

    private final Runtime runtime;
    private final ModuleInstance instance;
    private volatile boolean closed;

    Instance(Runtime runtime, ModuleInstance instance) {
        this.runtime = runtime;
        this.instance = instance;
        instance.facade(this);
    }

    /** The name this instance is registered under, or {@code null} if it is anonymous. */
    public String name() {
        return instance.name();
    }

    /**
     * The exported function {@code name}.
     *
     * @throws KilnException if there is no such exported function
     */
    public Function function(String name) {
        return new Function(this, name, export(name, FunctionInstance.class, "function"));
    }

    /** Whether a function is exported as {@code name}. */
    public boolean hasFunction(String name) {
        checkOpen();
        return instance.exported(name) instanceof FunctionInstance;
    }

    /**
     * The instance's memory (memory 0, whether defined or imported, exported or not): what a host
     * function uses to reach its caller's memory.
     *
     * @throws KilnException if the module has no memory
     */
    public Memory memory() {
        checkOpen();
        if (instance.memories.length == 0) {
            throw new KilnException("module " + describe() + " has no memory");
        }
        return new Memory(instance.memories[0]);
    }

    /** The exported memory {@code name}. */
    public Memory memory(String name) {
        return new Memory(export(name, MemoryInstance.class, "memory"));
    }

    /** The exported global {@code name}. */
    public Global global(String name) {
        return new Global(export(name, GlobalInstance.class, "global"));
    }

    /** The exported table {@code name}. */
    public Table table(String name) {
        return new Table(export(name, TableInstance.class, "table"), instance.store());
    }

    /**
     * Unregisters the instance and frees its memories (a memory another open instance imports
     * lives on with that one); later use throws {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            runtime.unregister(this);
            instance.close();
        }
    }

    ModuleInstance internal() {
        return instance;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("instance " + describe() + " is closed");
        }
    }

    private <T> T export(String name, Class<T> kind, String kindName) {
        checkOpen();
        Object found = instance.exported(name);
        if (!kind.isInstance(found)) {
            throw new KilnException("module " + describe() + " exports no " + kindName + " named '" + name + "'");
        }
        return kind.cast(found);
    }

    private String describe() {
        String name = instance.debugName();
        return name == null ? "(anonymous)" : "'" + name + "'";
    }

    @Override
    public String toString() {
        return "Instance[" + describe() + "]";
    }
}
