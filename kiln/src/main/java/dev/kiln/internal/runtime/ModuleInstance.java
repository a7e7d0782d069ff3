package dev.kiln.internal.runtime;

import dev.kiln.FunctionType;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.TypeIds;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The runtime state of one instantiated module. Engines read the arrays directly; the public
 * {@link dev.kiln.Instance} is a facade over this.
 *
 * <p>{@code elements[i]} and {@code data[i]} are the resolved contents of segment {@code i}, or
 * {@code null} once the segment has been dropped ({@code elem.drop}, {@code data.drop}, or by
 * instantiation for active and declarative segments).
 */
public final class ModuleInstance {

    private final Store store;
    private final Module module;
    private final String name;
    private final Map<String, Export> exports = new HashMap<>();
    /** The public API's object for this instance, opaque here (see {@link HostCode}). */
    private Object facade;
    private volatile boolean closed;
    /** {@link #close} ran while a call was running here: the running call's {@link #leave} frees. */
    private volatile boolean freeWhenLeft;
    private boolean freed;
    private final InstanceArena arena;
    /** The engine's state for this instance; set once instantiation has made it. */
    private EngineInstance engine;
    /** The execution state of the thread whose call from Java runs in this instance, if any. */
    private volatile Interruptible running;
    /** What ends the wait of the host function running in this instance's call, see {@link #wakeOnInterrupt}. */
    private volatile Runnable hostWakeup;

    public final FunctionType[] types;
    /** {@link TypeIds#of} of each of {@link #types}. */
    public final int[] typeIds;
    public final FunctionInstance[] functions;
    public final TableInstance[] tables;
    public final MemoryInstance[] memories;
    public final GlobalInstance[] globals;
    public final Object[][] elements;
    public final byte[][] data;

    public ModuleInstance(Store store, Module module, String name) {
        this.store = store;
        this.module = module;
        this.name = name;
        this.types = module.types().toArray(FunctionType[]::new);
        this.typeIds = new int[types.length];
        for (int t = 0; t < types.length; t++) {
            typeIds[t] = TypeIds.of(types[t]);
        }
        this.functions = new FunctionInstance[module.functionCount()];
        this.tables = new TableInstance[module.tableSpace().size()];
        this.memories = new MemoryInstance[module.memorySpace().size()];
        this.globals = new GlobalInstance[module.globalSpace().size()];
        this.elements = new Object[module.elements().size()][];
        this.data = new byte[module.data().size()][];
        for (Export e : module.exports()) {
            exports.put(e.name(), e);
        }
        this.arena = new InstanceArena(store);
        store.track(this);
    }

    /** Where the globals, tables and function records this instance defines live. */
    public InstanceArena arena() {
        return arena;
    }

    /** The engine's state for this instance, or {@code null} before instantiation made it. */
    public EngineInstance engine() {
        return engine;
    }

    void engine(EngineInstance engine) {
        this.engine = engine;
    }

    public Store store() {
        return store;
    }

    public Module module() {
        return module;
    }

    /** The name the instance was registered under, or {@code null} if anonymous. */
    public String name() {
        return name;
    }

    /** The export called {@code name}, or {@code null}. */
    public Export export(String name) {
        return exports.get(name);
    }

    /**
     * The external value exported as {@code name}: a {@link FunctionInstance},
     * {@link TableInstance}, {@link MemoryInstance} or {@link GlobalInstance}; {@code null} if
     * there is no such export.
     */
    public Object exported(String name) {
        Export e = exports.get(name);
        if (e == null) {
            return null;
        }
        return switch (e.kind()) {
            case FUNCTION -> functions[e.index()];
            case TABLE -> tables[e.index()];
            case MEMORY -> memories[e.index()];
            case GLOBAL -> globals[e.index()];
        };
    }

    /** The public view of this instance, as the public API attached it. */
    public Object facade() {
        return facade;
    }

    public void facade(Object facade) {
        this.facade = facade;
    }

    /**
     * Marks a call from Java (or a host function) into this instance as running on the thread
     * whose engine state is {@code thread}; returns what {@link #leave} restores. Only the
     * instance's own thread calls this.
     */
    public Interruptible enter(Interruptible thread) {
        Interruptible previous = running;
        RUNNING.setRelease(this, thread);
        return previous;
    }

    /**
     * Ends the call {@link #enter} began; the outermost call's end frees the instance if it was
     * closed meanwhile ({@link #close}).
     */
    public void leave(Interruptible previous) {
        RUNNING.setRelease(this, previous);
        if (previous == null && freeWhenLeft) {
            free();
        }
    }

    /**
     * Release stores for {@link #enter} and {@link #leave}, every call's: a volatile store's fence
     * cost more than the rest of a compiled call's Java side. An interrupting thread may see the
     * change a moment late, which it allows for ({@code Deadline} tries again until the call
     * runs); the order that matters, the context's interrupt flag cleared before the call is
     * published here, release keeps.
     */
    private static final VarHandle RUNNING;

    static {
        try {
            RUNNING = java.lang.invoke.MethodHandles.lookup().findVarHandle(ModuleInstance.class, "running",
                    Interruptible.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Interrupts the call running in this instance, if any: it stops with an
     * {@link dev.kiln.TrapKind#INTERRUPTED} trap at its next loop iteration or call.
     *
     * @return whether a call was running
     */
    public boolean interrupt() {
        Interruptible thread = running;
        if (thread == null) {
            return false;
        }
        thread.interrupt();
        // The raised flag before the read of hostWakeup; wakeOnInterrupt writes and reads in the
        // other order, so one of the two sees the other and a wait is never missed.
        VarHandle.fullFence();
        Runnable wakeup = hostWakeup;
        if (wakeup != null) {
            wakeup.run();
        }
        return true;
    }

    /**
     * Makes {@link #interrupt()} also run {@code wakeup} (a host function's way to end its wait)
     * until {@link #restoreWakeup} puts back the returned previous one; runs it at once if the
     * running call is already interrupted. Only the instance's own thread calls this.
     */
    public Runnable wakeOnInterrupt(Runnable wakeup) {
        Runnable previous = hostWakeup;
        hostWakeup = wakeup;
        VarHandle.fullFence();
        Interruptible thread = running;
        if (thread != null && thread.isInterrupted()) {
            wakeup.run();
        }
        return previous;
    }

    /** Ends a {@link #wakeOnInterrupt}, putting back the wake-up it replaced. */
    public void restoreWakeup(Runnable previous) {
        hostWakeup = previous;
    }

    /** The name for stack traces: the instance name, else the {@code name} section's module name. */
    public String debugName() {
        return name != null ? name : module.names().moduleName();
    }

    /**
     * Closes the instance: it refuses further calls, and its engine state, its arena and with it
     * its references to memories, tables, globals and other instances' functions (each freed
     * when the last arena using it goes, see {@link InstanceArena}) are released, and the
     * reference ids of its functions revoked. Closed from inside a call running here (a host
     * function closing its caller), the release waits until that call returns, so no engine
     * runs on freed state. Idempotent.
     */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (running != null) {
                freeWhenLeft = true;
                return;
            }
        }
        free();
    }

    /** {@link Store#close}: closes and frees now, also an instance whose running call has not returned. */
    void closeNow() {
        synchronized (this) {
            closed = true;
        }
        free();
    }

    private void free() {
        synchronized (this) {
            if (freed) {
                return;
            }
            freed = true;
            freeWhenLeft = false;
        }
        if (engine != null) {
            engine.close();
        }
        arena.release();
        store.revoke(Arrays.copyOfRange(functions, module.importedFunctionCount(), functions.length));
        store.untrack(this);
    }

    /** Whether a call from Java (or a host function) runs in this instance now. */
    public boolean isRunning() {
        return running != null;
    }

    /** Whether {@link #close} has run. */
    public boolean isClosed() {
        return closed;
    }
}
