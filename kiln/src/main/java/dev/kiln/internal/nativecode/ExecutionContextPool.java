package dev.kiln.internal.nativecode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The execution contexts of one {@link CodeArena}, lent to a thread for its outermost call into
 * native code and taken back when that call returns, so a thread that ends holds none and any
 * number of virtual threads can call native code with a few contexts between them.
 *
 * <pre>
 *   enter()  outermost on this thread? ── yes ─▶ take an idle context (or make one), bind it
 *              │ no (a host function calling back in)
 *              ▼
 *            the context the outer call holds
 *   exit()   outermost? ── yes ─▶ unbind; keep it idle (up to maxIdle) or close it
 * </pre>
 *
 * A thread finds the context of its outer call through a {@link ThreadLocal} holder made once
 * per thread and cleared in place, so a call allocates nothing and the holder, once the call is
 * over, points at no context: a thread that ends pins nothing but its own holder.
 *
 * <p>The pool also says when native state may be freed ({@link #deferFree}). Native code reads
 * module contexts, memories and code without asking anyone, so what a closing instance frees
 * must outlive every call that was already running: a free waits until each context lent
 * before it was asked for has come back. Lends are numbered for that:
 *
 * <pre>
 *   lend #5 ─────────────────────────────▶ back        the free runs here: nothing lent
 *   lend #6 ──────────▶ back                            before it is still out
 *             deferFree(f) at lends = 7
 *                         lend #8 ─────────────────────────▶   (#8 must not use what f frees:
 *                                                                its caller checks after lending)
 * </pre>
 */
public final class ExecutionContextPool implements AutoCloseable {

    private final CodeArena arena;
    private final long initialStack;
    private final long maxStack;
    private final int maxIdle;
    private final ThreadLocal<Calls> held = ThreadLocal.withInitial(Calls::new);
    private final ArrayDeque<ExecutionContext> idle = new ArrayDeque<>();
    private int lent;
    /**
     * Every context of the pool not closed, lent or idle: what {@link #takeDue} looks through.
     * It changes only when a context is made or closed, so a call's lend and return write no
     * reference (a reference store costs the collector's barrier).
     */
    private final Set<ExecutionContext> contexts = Collections.newSetFromMap(new IdentityHashMap<>());
    /** How many lends there have been: a lent context holds its number, an idle one 0. */
    private long lends;
    /** Frees waiting for contexts lent before them, oldest first. */
    private final ArrayDeque<DeferredFree> deferred = new ArrayDeque<>();
    private boolean closed;

    /** A free asked for when {@code lends} lends had been made. */
    private record DeferredFree(long lends, Runnable free) {}

    /**
     * What a thread holds: its outermost call's context and how deep its calls nest. A call keeps
     * the one {@link #enterCalls} gave it for its {@link #exit(Calls)}: one thread-local look-up
     * a call instead of three, which were a third of a compiled call's Java side.
     */
    public static final class Calls {
        private ExecutionContext context;
        private int depth;

        private Calls() {}

        /** The context the thread's calls run on. */
        public ExecutionContext context() {
            return context;
        }

        /** Whether the call that entered is the thread's outermost. */
        public boolean outermost() {
            return depth == 1;
        }
    }

    /**
     * @param maxIdle how many returned contexts to keep for later calls; more are closed
     */
    public ExecutionContextPool(CodeArena arena, long initialStack, long maxStack, int maxIdle) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must not be negative: " + maxIdle);
        }
        this.arena = arena;
        this.initialStack = initialStack;
        this.maxStack = maxStack;
        this.maxIdle = maxIdle;
    }

    /** A pool with the default stack sizes that keeps two idle contexts per processor. */
    public ExecutionContextPool(CodeArena arena) {
        this(arena, ExecutionContext.DEFAULT_INITIAL_STACK, ExecutionContext.DEFAULT_MAX_STACK,
                2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * The context this thread calls native code on: its outer call's, or one lent for this
     * outermost call. Every {@code enter} is paired with an {@link #exit} in a {@code finally}.
     *
     * @throws IllegalStateException if the pool is closed
     */
    public ExecutionContext enter() {
        return enterCalls().context;
    }

    /** {@link #enter}, returning the thread's calls, which the matching {@link #exit(Calls)} takes. */
    public Calls enterCalls() {
        Calls holder = held.get();
        if (holder.depth == 0) {
            holder.context = lend();
            holder.context.clearInterrupt(); // an interruption of an earlier call is spent
        }
        holder.depth++;
        return holder;
    }

    /**
     * Makes {@code context}'s outermost call the thread's only one again: after a
     * {@link StackOverflowError} cut nested calls' {@link #exit}s short, the outermost call
     * calls this before its own {@code exit}.
     */
    public void unwindTo(ExecutionContext context) {
        Calls holder = held.get();
        holder.context = context;
        holder.depth = 1;
    }

    /** The context this thread's running call holds, or null when it runs none. */
    public ExecutionContext current() {
        return held.get().context;
    }

    /** Ends what {@link #enter} began; the outermost exit gives the context back. */
    public void exit(ExecutionContext context) {
        Calls holder = held.get();
        if (holder.context != context) {
            throw new IllegalStateException("exit without a matching enter on this thread");
        }
        exit(holder);
    }

    /** Ends what {@link #enterCalls} began, on the thread's {@code calls} it returned. */
    public void exit(Calls holder) {
        if (holder.depth == 0) {
            throw new IllegalStateException("exit without a matching enter on this thread");
        }
        if (--holder.depth == 0) {
            ExecutionContext context = holder.context;
            holder.context = null;
            giveBack(context);
        }
    }

    private synchronized ExecutionContext lend() {
        if (closed) {
            throw new IllegalStateException("the execution context pool is closed");
        }
        ExecutionContext context = idle.poll();
        if (context == null) {
            context = new ExecutionContext(arena, initialStack, maxStack);
            contexts.add(context);
        } else {
            context.bind(Thread.currentThread());
        }
        context.lentAt = ++lends;
        lent++;
        return context;
    }

    private void giveBack(ExecutionContext context) {
        boolean keep;
        List<Runnable> due;
        synchronized (this) {
            lent--;
            context.lentAt = 0;
            due = deferred.isEmpty() ? List.of() : takeDue();
            keep = !closed && idle.size() < maxIdle;
            if (keep) {
                idle.push(context);
            } else {
                contexts.remove(context);
            }
        }
        if (!keep) {
            context.close(); // still bound to this thread, which may close it
        }
        runAll(due);
    }

    /**
     * Takes {@code free} to run once every context lent now has come back, and returns true; or
     * returns false when none is lent, and the caller frees at once. The free runs on the thread
     * that gives the last of those contexts back, after its call.
     *
     * <p>Only calls that were running when this was asked for are waited for: a call that starts
     * later must check, after {@link #enter}, that what it will use is not being freed.
     */
    public boolean deferFree(Runnable free) {
        synchronized (this) {
            if (lent == 0) {
                return false;
            }
            deferred.add(new DeferredFree(lends, free));
            return true;
        }
    }

    /** The deferred frees no lent context predates. Under the lock. */
    private List<Runnable> takeDue() {
        long oldestLent = Long.MAX_VALUE;
        for (ExecutionContext context : contexts) {
            if (context.lentAt != 0) {
                oldestLent = Math.min(oldestLent, context.lentAt);
            }
        }
        List<Runnable> due = new ArrayList<>();
        while (!deferred.isEmpty() && deferred.peek().lends < oldestLent) {
            due.add(deferred.poll().free);
        }
        return due;
    }

    /**
     * Runs every free, also when one fails: each frees something of its own. A failure is
     * logged, not thrown: it would otherwise surface from the call of whichever thread gave the
     * last context back, which has nothing to do with it.
     */
    private static void runAll(List<Runnable> frees) {
        for (Runnable free : frees) {
            try {
                free.run();
            } catch (RuntimeException e) {
                System.getLogger(ExecutionContextPool.class.getName())
                        .log(System.Logger.Level.WARNING, "a deferred free of native state failed", e);
            }
        }
    }

    /** How many contexts are lent to threads now. */
    public synchronized int lent() {
        return lent;
    }

    /** How many contexts wait for the next outermost call. */
    public synchronized int idle() {
        return idle.size();
    }

    /**
     * Refuses every later outermost call, unless a call runs now.
     *
     * @throws IllegalStateException when a context is lent: a call is running
     */
    public synchronized void stopLending() {
        if (lent > 0) {
            throw new IllegalStateException(lent + " call(s) into native code are running");
        }
        closed = true;
    }

    /**
     * Closes the idle contexts; those lent now are closed when their calls return. Further
     * {@link #enter}s that would need a new context fail.
     */
    @Override
    public void close() {
        ExecutionContext[] closing;
        synchronized (this) {
            closed = true;
            closing = idle.toArray(ExecutionContext[]::new);
            idle.clear();
            for (ExecutionContext context : closing) {
                contexts.remove(context);
            }
        }
        for (ExecutionContext context : closing) {
            context.bind(Thread.currentThread());
            context.close();
        }
    }
}
