package dev.kiln.internal.nativecode;

import static dev.kiln.internal.nativecode.ContextLayout.*;

import dev.kiln.KilnException;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;

/**
 * Runs native code of one {@link CodeArena} on one thread: the execution context struct
 * ({@link ContextLayout}), the native stack, and the dispatch loop that serves native code's exits.
 *
 * <pre>
 *   call() ──▶ entry stub (one downcall) ──▶ native code
 *     ▲                                           │ exit: RAX = EXITED, code and state in
 *     │                                           │       the context
 *     └──── dispatch loop ◀───────────────────────┘
 *             RETURNED     the result in RAX (register form), or copy the results out of
 *                          the slot array; done
 *             HOST_CALL    slot area ─▶ long[] ─▶ HostFunction ─▶ slot area; re-enter
 *             GROW_STACK   move the stack to a larger one (or trap past the ceiling); re-enter
 *             TRAP_*       TrapException, its Wasm stack trace read off the native stack;
 *                          the native frames are abandoned, never re-entered
 * </pre>
 *
 * <p><b>Nesting.</b> A host function may call native code again on the same context. The inner
 * entry starts its frames just below the outer exit's slot area, and it overwrites the outer
 * exit's state (RSP, RBP, resume address, saved registers), so the loop keeps a copy of that
 * state while the inner call runs, moves it along if the stack grows, and puts it back after —
 * also when the inner call throws.
 *
 * <p><b>One thread at a time.</b> A context belongs to one thread, the one that made it or the
 * one an {@link ExecutionContextPool} handed it to: only that thread may call through it or
 * close it (others get {@link WrongThreadException}), and it cannot be closed while a call runs,
 * so native code never runs on freed memory. Its memory is in a shared {@link Arena} because a
 * pool moves it from thread to thread between outermost calls; the owner check, not the
 * arena, keeps two threads off it.
 */
public final class ExecutionContext implements AutoCloseable, dev.kiln.internal.runtime.Interruptible {

    /** The stack a context starts with. */
    public static final long DEFAULT_INITIAL_STACK = 256 * 1024;
    /** The default ceiling: a stack that would need more traps with {@link TrapKind#STACK_OVERFLOW}. */
    public static final long DEFAULT_MAX_STACK = 128L * 1024 * 1024;

    private final CodeArena code;
    /** Written only while the context is idle, by the pool that holds it ({@link #bind}). */
    private Thread owner = Thread.currentThread();
    private final HostTable hosts;
    private final long maxStack;
    private final Arena memory = Arena.ofShared();
    private final MemorySegment context;
    private final long address;
    private MemorySegment slots;
    private int slotCapacity;
    private NativeStack stack;
    /** {@link #hostArray}'s arrays, by nesting depth, then by length. */
    private long[][][] hostArrays = new long[4][][];
    /** {@code stack.segment()}, kept for the host-call path. */
    private MemorySegment stackSegment;
    /**
     * How many calls on this context are serving exits or nested (an outermost call counts from
     * its first exit: until then no Java code runs on the owner thread), or {@link #CLOSED}.
     * The fast paths need only {@code depth == 0} (with the owner thread) to know the context is
     * open and idle.
     */
    private int depth;
    private static final int CLOSED = -1;
    private int growths;
    /**
     * The last target {@link #call} checked against the arena, so a loop calling one function
     * checks once; 0 (never code) until the first check, which {@link #call} tests for apart.
     */
    private long checkedTarget;
    /** The outer exits' states while host functions run nested calls, innermost last. */
    private final ArrayList<MemorySegment> suspended = new ArrayList<>();

    /** The interrupt flag, written by other threads (the context lives in a shared arena). */
    private static final java.lang.invoke.VarHandle INTERRUPT = ValueLayout.JAVA_LONG.varHandle();

    /**
     * Raises the interrupt flag, from any thread: compiled code tests it at function entries and
     * loop headers and exits with {@link ExitCode#TERMINATION_CHECK}, which this context answers
     * with a {@link TrapKind#INTERRUPTED} trap. It stays raised until {@link #clearInterrupt}.
     */
    @Override
    public void interrupt() {
        INTERRUPT.setVolatile(context, (long) INTERRUPT_FLAG, 1L);
    }

    /**
     * The module context compiled code stored before its latest indirect call: for a host
     * function reached through a table, the instance whose code called it (0 if none did).
     */
    public long callerContext() {
        return context.get(ValueLayout.JAVA_LONG, CALLER_CONTEXT);
    }

    @Override
    public boolean isInterrupted() {
        return (long) INTERRUPT.getVolatile(context, (long) INTERRUPT_FLAG) != 0;
    }

    /** Lowers the interrupt flag: a new outermost call starts uninterrupted. */
    public void clearInterrupt() {
        // A release store: ordered before the call that follows is published (ModuleInstance.enter),
        // without a volatile store's fence on every outermost call.
        INTERRUPT.setRelease(context, (long) INTERRUPT_FLAG, 0L);
    }

    /** A context with the default stack sizes. */
    public ExecutionContext(CodeArena code) {
        this(code, DEFAULT_INITIAL_STACK, DEFAULT_MAX_STACK);
    }

    /** Kept by {@link ExecutionContextPool}: the number of the lend that holds it, 0 while idle. */
    long lentAt;

    /**
     * @param initialStack the usable bytes of the first stack
     * @param maxStack the ceiling: growing past it traps with {@link TrapKind#STACK_OVERFLOW}
     */
    public ExecutionContext(CodeArena code, long initialStack, long maxStack) {
        if (initialStack <= 0 || maxStack < initialStack) {
            throw new IllegalArgumentException("need 0 < initialStack <= maxStack, got " + initialStack + ", " + maxStack);
        }
        this.code = code;
        this.hosts = code.hosts();
        this.maxStack = maxStack;
        code.attach();
        try {
            this.context = memory.allocate(SIZE, ALIGNMENT);
            this.address = context.address();
            allocateSlots(16);
            context.set(ValueLayout.JAVA_LONG, STACK_GROW_ADDRESS, RuntimeStubs.GROW_SEQUENCE);
            this.stack = new NativeStack(initialStack);
            this.stackSegment = stack.segment();
            context.set(ValueLayout.JAVA_LONG, STACK_BOTTOM, stack.bottom());
            context.set(ValueLayout.JAVA_LONG, ENTRY_RSP, stack.top());
        } catch (RuntimeException | Error e) {
            memory.close();
            code.detach();
            throw e;
        }
    }

    /**
     * Calls the native function at {@code target} through {@code entry}, the entry stubs of its
     * signature: parameters in {@code values[0..paramSlots)}, results out in
     * {@code values[0..resultSlots)}, in the slot form of {@link dev.kiln.HostFunction}.
     *
     * @param target an address inside code installed in this context's arena
     * @param moduleContext what the callee gets in RBX
     * @throws TrapException when native code traps or the stack outgrows its ceiling
     * @throws IllegalArgumentException when {@code target} is not code of this context's arena
     */
    public void call(EntryStub entry, long target, long moduleContext, long[] values) {
        CallLayout layout = entry.layout;
        if (depth != 0 || layout.slotCount > slotCapacity || values.length < layout.slotsNeeded
                || Thread.currentThread() != owner || entry.arena != code || target != checkedTarget || target == 0) {
            callInGeneral(entry, target, moduleContext, values);
            return;
        }
        // The common case, kept small so HotSpot inlines it: an outermost call on an open
        // context whose slot array fits.
        copyIn(values, slots, 0, layout.paramSlots);
        long r;
        try {
            r = (long) RuntimeStubs.ENTER.invokeExact(address, entry.code, target, moduleContext, 0L, 0L);
        } catch (Throwable t) {
            throw unchecked(t);
        }
        if (r == Exits.EXITED) {
            serveOutermost(r);
        }
        copyOut(slots, 0, values, layout.resultSlots); // slots again: a nested call may have replaced it
    }

    /**
     * Calls {@code function} with its parameters as arguments and its result as the return
     * value, each in slot form, with no array in between. Arguments past the signature's
     * parameters are ignored.
     *
     * @return the result in slot form, or 0 when the signature has none
     * @throws TrapException when native code traps or the stack outgrows its ceiling
     */
    public long callRegisters(NativeFunction function, long p0, long p1, long p2, long p3) {
        if (depth != 0 || Thread.currentThread() != owner || function.arena != code) {
            return callRegistersInGeneral(function, p0, p1, p2, p3);
        }
        // The common case: an outermost call on an open context. It stores nothing before the
        // downcall (the downcall's return to Java fences, and waits for every store to drain):
        // depth stays 0 until an exit needs serving, because until then no Java code runs on
        // this thread, so nothing can nest or close.
        long r;
        try {
            r = enterRegisters(function, p0, p1, p2, p3);
        } catch (Throwable t) {
            throw unchecked(t);
        }
        return r == Exits.EXITED ? serveOutermost(r) : r;
    }

    /** Serves the exits of an outermost call, with {@link #depth} 1 while Java code runs. */
    private long serveOutermost(long r) {
        depth = 1;
        try {
            return serveUntilReturned(r);
        } catch (Throwable t) {
            throw unchecked(t);
        } finally {
            depth = 0; // close() refuses while a call runs: still open
            suspended.clear(); // left over only if a StackOverflowError cut nested calls short
        }
    }

    /** The register-form downcall. */
    private long enterRegisters(NativeFunction f, long p0, long p1, long p2, long p3) throws Throwable {
        return (long) RuntimeStubs.ENTER_REGISTERS.invokeExact(address, f.record, p0, p1, p2, p3);
    }

    /** {@link #call} when it is nested in a host function, needs more slots, or is wrong. */
    private void callInGeneral(EntryStub entry, long target, long moduleContext, long[] values) {
        CallLayout layout = entry.layout;
        if (values.length < layout.slotsNeeded) {
            throw new IllegalArgumentException("values has " + values.length + " slots; " + layout.type + " needs "
                    + layout.slotsNeeded);
        }
        checkCallable(entry.arena);
        code.requireCode(target);
        checkedTarget = target;
        if (layout.slotCount > slotCapacity) {
            allocateSlots(layout.slotCount);
        }
        if (depth == 0) {
            call(entry, target, moduleContext, values);
            return;
        }
        copyIn(values, slots, 0, layout.paramSlots);
        nested(() -> (long) RuntimeStubs.ENTER.invokeExact(address, entry.code, target, moduleContext, 0L, 0L));
        copyOut(slots, 0, values, layout.resultSlots);
    }

    /** {@link #callRegisters} when it is nested in a host function, or is wrong. */
    private long callRegistersInGeneral(NativeFunction function, long p0, long p1, long p2, long p3) {
        checkCallable(function.arena);
        if (depth == 0) {
            return callRegisters(function, p0, p1, p2, p3);
        }
        return nested(() -> enterRegisters(function, p0, p1, p2, p3));
    }

    private void checkCallable(CodeArena arena) {
        if (depth == CLOSED) {
            throw new IllegalStateException("the execution context is closed");
        }
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException("an execution context runs on the thread that made it");
        }
        if (arena != code) {
            // Only this context's arena is pinned open while it calls; another's code could be unmapped.
            throw new IllegalArgumentException("the code belongs to another code arena");
        }
    }

    /**
     * What a call throws for {@code t}, thrown by a host function (or, in principle, a
     * downcall): runtime exceptions and errors as they are, a checked exception wrapped.
     */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new KilnException("a host function threw " + t, t);
    }

    /** One downcall into native code, returning RAX. */
    @FunctionalInterface
    private interface Downcall {
        long enter() throws Throwable;
    }

    /**
     * A call made by a host function while an outer call waits at its exit: keeps the outer
     * exit's state aside, starts below its slot area, and puts the state back afterwards.
     */
    private long nested(Downcall downcall) {
        MemorySegment outer = suspend();
        context.set(ValueLayout.JAVA_LONG, ENTRY_RSP, nestedEntryRsp());
        depth++;
        try {
            long r = downcall.enter();
            return r == Exits.EXITED ? serveUntilReturned(r) : r;
        } catch (Throwable t) {
            throw unchecked(t);
        } finally {
            depth--;
            resume(outer);
        }
    }

    /**
     * The dispatch loop: serves exits until native code returns from the entered function.
     *
     * <p>The exit code reads RETURNED whenever native code runs, so the entry stubs need not
     * store it on the way out: it starts so, and this loop puts it back as soon as it has read an
     * exit's code. A downcall that returns {@link Exits#EXITED} with the code RETURNED is a
     * result that happens to equal the marker.
     *
     * @param r what the last downcall returned in RAX
     * @return RAX of the downcall that returned normally
     */
    private long serveUntilReturned(long r) throws Throwable {
        while (r == Exits.EXITED) {
            int exit = context.get(ValueLayout.JAVA_INT, EXIT_CODE);
            if (exit == RETURNED) {
                break;
            }
            context.set(ValueLayout.JAVA_INT, EXIT_CODE, RETURNED);
            r = exit == HOST_CALL ? callHost() : serveOther(exit);
        }
        return r;
    }

    private static final int HOST_CALL = ExitCode.HOST_CALL.code();
    private static final int RETURNED = ExitCode.RETURNED.code();

    /** Every exit but a host call: the rare ones, out of the host-call loop's way. */
    private long serveOther(int exit) throws Throwable {
        ExitCode code = ExitCode.of(exit);
        if (code == ExitCode.GROW_STACK) {
            growStack();
            return (long) RuntimeStubs.REENTER.invokeExact(address, 0L, 0L, 0L, 0L, 0L);
        }
        if (code == ExitCode.TERMINATION_CHECK) {
            // The flag stays raised until the outermost call ends (the pool lowers it when it
            // lends the context again), so a host function cannot swallow the interruption.
            throw trap(TrapKind.INTERRUPTED);
        }
        if (code != null && code.trap() != null) {
            throw trap(code.trap());
        }
        throw new IllegalStateException("native code exited with unexpected code " + exit);
    }

    /**
     * Runs the host function a trampoline exited for, and re-enters with its results; a
     * runtime {@code Trap} it raises becomes a {@link TrapException} with the trace of this exit. The slot
     * area starts at the exit's RSP; reading it through the stack's segment checks it lies on
     * the stack, so a bad RSP from native code is an {@link IndexOutOfBoundsException}.
     */
    private long callHost() throws Throwable {
        HostTable.Entry host = hosts.get(context.get(ValueLayout.JAVA_LONG, EXIT_DETAIL),
                context.get(ValueLayout.JAVA_INT, EXIT_SIGNATURE));
        long[] values = hostArray(host.arrayLength());
        if (host.arrayLength() > host.paramSlots()) {
            java.util.Arrays.fill(values, host.paramSlots(), values.length, 0L); // nothing left from an earlier call
        }
        copyOut(stackSegment, context.get(ValueLayout.JAVA_LONG, WASM_RSP) - stackSegment.address(), values,
                host.paramSlots());
        try {
            host.function().call(host.caller(), values);
        } catch (dev.kiln.internal.runtime.Trap t) {
            // Raised by the runtime serving this exit (a bulk-memory or table helper's check): the
            // trap is at this call, so its trace is the native stack's from here.
            throw trap(t.kind());
        }
        // The stack and the exit state again: a nested call may have moved them.
        copyIn(values, stackSegment, context.get(ValueLayout.JAVA_LONG, WASM_RSP) - stackSegment.address(),
                host.resultSlots());
        return (long) RuntimeStubs.REENTER.invokeExact(address, 0L, 0L, 0L, 0L, 0L);
    }

    /** A trap of {@code kind} at the current exit, with the Wasm frames on the native stack. */
    private TrapException trap(TrapKind kind) {
        return new TrapException(kind, NativeStackTrace.of(context, suspended, stack, code.frames()));
    }

    /** Serves GROW_STACK: moves the stack to a larger one ({@link StackMover#grow}), or traps. */
    private void growStack() {
        NativeStack bigger = StackMover.grow(stack, maxStack, context, suspended);
        if (bigger == null) {
            throw trap(TrapKind.STACK_OVERFLOW);
        }
        stack.close();
        stack = bigger;
        stackSegment = bigger.segment();
        growths++;
        context.set(ValueLayout.JAVA_LONG, STACK_BOTTOM, stack.bottom());
        context.set(ValueLayout.JAVA_LONG, ENTRY_RSP, stack.top());
    }

    /** Copies the current exit's state aside before a nested entry overwrites it. */
    private MemorySegment suspend() {
        MemorySegment copy = MemorySegment.ofArray(new long[SIZE / 8]);
        copy.copyFrom(context);
        suspended.add(copy);
        return copy;
    }

    /** Puts a suspended exit's state back (moved along if the stack grew meanwhile). */
    private void resume(MemorySegment outer) {
        suspended.remove(suspended.size() - 1);
        MemorySegment.copy(outer, 0, context, 0, EXIT_STATE_END);
        MemorySegment.copy(outer, SAVE_AREA, context, SAVE_AREA, SIZE - SAVE_AREA);
        // Outermost calls start at the top; a later nested entry sets its own start again.
        context.set(ValueLayout.JAVA_LONG, ENTRY_RSP, stack.top());
    }

    /** Where a nested entry starts: 16-aligned, just below the outer exit's slot area. */
    private long nestedEntryRsp() {
        long rsp = context.get(ValueLayout.JAVA_LONG, WASM_RSP) & -16L;
        if (!stack.contains(rsp) || rsp < stack.bottom()) {
            throw new IllegalStateException("the suspended exit's RSP is outside the stack");
        }
        return rsp;
    }

    /**
     * The {@code long[]} a host function gets: one per nesting depth and length, kept (a host
     * function's array is as long as the larger of its parameter and result slots). A fresh
     * array on every host call cost a quarter of the round trip, in allocation and in the young
     * collections it causes (bench/README.md); one per depth alone was fresh whenever calls of
     * different lengths alternate, as a WASI program's stat, open and close do. A nested call
     * gets another depth's array, so an outer host function's array survives the inner calls it
     * makes.
     */
    private long[] hostArray(int length) {
        if (depth >= hostArrays.length) {
            hostArrays = java.util.Arrays.copyOf(hostArrays, Math.max(depth + 1, 2 * hostArrays.length));
        }
        long[][] byLength = hostArrays[depth];
        if (byLength == null || length >= byLength.length) {
            byLength = byLength == null ? new long[length + 1][] : java.util.Arrays.copyOf(byLength, length + 1);
            hostArrays[depth] = byLength;
        }
        long[] array = byLength[length];
        if (array == null) {
            array = new long[length];
            byLength[length] = array;
        }
        return array;
    }

    /**
     * {@code values[0..count)} to {@code to} at byte {@code offset}. Up to four slots are
     * unrolled: for a call's few values a loop over a segment costs more than the call's own
     * stub work, and {@link MemorySegment#copy} more still.
     */
    private static void copyIn(long[] values, MemorySegment to, long offset, int count) {
        switch (count) {
            case 0 -> { }
            case 1 -> to.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, values[0]);
            case 2 -> {
                to.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, values[0]);
                to.set(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8, values[1]);
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    to.set(ValueLayout.JAVA_LONG_UNALIGNED, offset + i * 8L, values[i]);
                }
            }
        }
    }

    /** {@code count} slots at byte {@code offset} of {@code from} to {@code values[0..count)}. */
    private static void copyOut(MemorySegment from, long offset, long[] values, int count) {
        switch (count) {
            case 0 -> { }
            case 1 -> values[0] = from.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
            case 2 -> {
                values[0] = from.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
                values[1] = from.get(ValueLayout.JAVA_LONG_UNALIGNED, offset + 8);
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    values[i] = from.get(ValueLayout.JAVA_LONG_UNALIGNED, offset + i * 8L);
                }
            }
        }
    }

    /** Replaces the param/result slot array with one of at least {@code count} slots. */
    private void allocateSlots(int count) {
        slotCapacity = Math.max(count, 2 * slotCapacity);
        slots = memory.allocate(slotCapacity * 8L, 16);
        context.set(ValueLayout.JAVA_LONG, SLOTS_ADDRESS, slots.address());
    }

    /**
     * Hands the idle context to {@code thread}. Only a pool calls this, while no other thread
     * can reach the context, and under its lock when handing it to a new caller, so the new
     * owner sees everything the previous one wrote.
     */
    void bind(Thread thread) {
        if (depth != 0) {
            throw new IllegalStateException(depth == CLOSED ? "the execution context is closed"
                    : "cannot hand over an execution context while a call runs on it");
        }
        owner = thread;
    }

    /** Whether the context was closed. */
    boolean isClosed() {
        return depth == CLOSED;
    }

    /** The usable size of the current stack (it only grows). */
    public long stackSize() {
        return stack.usableSize();
    }

    /** How many times the stack has grown. */
    public int stackGrowths() {
        return growths;
    }

    /**
     * Frees the context and its stack.
     *
     * @throws IllegalStateException while a call runs on it
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException("an execution context is closed by the thread that made it");
        }
        if (depth > 0) {
            throw new IllegalStateException("cannot close an execution context while a call runs on it");
        }
        if (depth == 0) {
            depth = CLOSED;
            memory.close();
            stack.close();
            code.detach();
        }
    }
}
