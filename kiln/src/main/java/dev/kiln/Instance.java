package dev.kiln;

import dev.kiln.internal.runtime.Deadline;
import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.GlobalInstance;
import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.Store;
import dev.kiln.internal.runtime.TableInstance;
import java.time.Duration;
import java.util.Objects;

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

    /** The public view of {@code instance}, or {@code null} for none (a call from Java). */
    static Instance of(ModuleInstance instance) {
        return instance == null ? null : (Instance) instance.facade();
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
        FunctionInstance function = export(name, FunctionInstance.class, "function");
        return new Function(this, name, function, runtime.config().callTimeout().orElse(null));
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
        return new Global(export(name, GlobalInstance.class, "global"), instance.store());
    }

    /** The exported table {@code name}. */
    public Table table(String name) {
        return new Table(export(name, TableInstance.class, "table"), instance.store());
    }

    /**
     * Stops the call from Java that is running in this instance, if there is one: from any
     * thread, without waiting. The running code stops at its next loop iteration or call with a
     * {@link TrapException} of kind {@link TrapKind#INTERRUPTED}, and the instance stays usable
     * for its next call. A host function that is running is not stopped, but the WebAssembly
     * code it returns to is.
     *
     * <p>What stops is the whole WebAssembly call on that thread, up to the outermost call from
     * Java: a host function that catches the trap cannot run WebAssembly code below itself
     * again, so an interruption cannot be swallowed. Code of another instance that this one
     * called directly stops too; a call from Java into another instance is stopped by
     * interrupting that one. An interruption that races with the end of the call may be
     * lost, or may stop a call that the same thread starts into this instance in that instant;
     * timeouts ({@link Function#withTimeout}) never reach a later call.
     *
     * @return whether a call was running to be interrupted
     */
    public boolean interrupt() {
        return instance.interrupt();
    }

    /**
     * Lets {@link #interrupt()} end the wait of a host function: until the returned registration
     * is closed, an interruption of the call running in this instance (by {@code interrupt()} or
     * a call timeout) also runs {@code wakeup}, which should make the host function's wait return
     * soon, so that the interruption can stop the WebAssembly code it returns to. If the call is
     * already interrupted, {@code wakeup} runs at once. A host function registers on the
     * instance that called it ({@code caller}), on its own thread; registrations nest, closing
     * one puts back the one before. {@code wakeup} may run on any thread, and after the wait has
     * ended: it must be harmless then.
     */
    public Wakeup wakeOnInterrupt(Runnable wakeup) {
        Runnable previous = instance.wakeOnInterrupt(Objects.requireNonNull(wakeup, "wakeup"));
        return () -> instance.restoreWakeup(previous);
    }

    /** A registration of {@link #wakeOnInterrupt}: closing it ends it. */
    public interface Wakeup extends AutoCloseable {
        @Override
        void close();
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

    Deadline startDeadline(Duration timeout) {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE; // beyond 292 years: never in practice
        }
        return instance.store().startDeadline(instance, nanos);
    }

    ModuleInstance internal() {
        return instance;
    }

    Store store() {
        return instance.store();
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
