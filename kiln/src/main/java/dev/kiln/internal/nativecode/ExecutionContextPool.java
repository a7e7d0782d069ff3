package dev.kiln.internal.nativecode;

import java.util.ArrayDeque;

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
 */
public final class ExecutionContextPool implements AutoCloseable {

    private final CodeArena arena;
    private final long initialStack;
    private final long maxStack;
    private final int maxIdle;
    private final ThreadLocal<Calls> held = ThreadLocal.withInitial(Calls::new);
    private final ArrayDeque<ExecutionContext> idle = new ArrayDeque<>();
    private int lent;
    private boolean closed;

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
        } else {
            context.bind(Thread.currentThread());
        }
        lent++;
        return context;
    }

    private void giveBack(ExecutionContext context) {
        synchronized (this) {
            lent--;
            if (!closed && idle.size() < maxIdle) {
                idle.push(context);
                return;
            }
        }
        context.close(); // still bound to this thread, which may close it
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
        }
        for (ExecutionContext context : closing) {
            context.bind(Thread.currentThread());
            context.close();
        }
    }
}
