package dev.kiln.internal.nativecode;

import dev.kiln.FunctionType;
import dev.kiln.HostFunction;
import dev.kiln.Instance;
import dev.kiln.WasmStackFrame;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Executable memory with a lifetime: machine code goes in through {@link #install}, and
 * {@link #close} unmaps all of it.
 *
 * <pre>
 *   install(bytes):  mmap(READ|WRITE) ──copy──▶ mprotect(READ|EXEC) ──▶ CodeBlock
 *                    (never WRITE and EXEC at once; a block is never written again)
 *   close():         munmap every block; later use of any block is IllegalStateException
 * </pre>
 *
 * <p>The blocks belong to a shared FFM {@link Arena}, which gives the safety rules for free: a
 * downcall handle bound to a block (see {@link CodeBlock#downcall}) keeps the arena acquired
 * while it runs, so {@code close} while any thread is inside the code fails with
 * {@link IllegalStateException} instead of unmapping code under it, and a call after close
 * fails the same way instead of jumping into unmapped memory.
 *
 * <p>{@link ExecutionContext}s call stubs without acquiring the FFM arena on every call (that
 * costs an atomic update, a third of a short call). Instead a context registers itself when it
 * opens and deregisters when it closes, and the arena refuses to close while any is open: a
 * context only runs code while it is open, so the code cannot be unmapped under it.
 *
 * <p>Each install maps whole pages of its own: adding code to a page that is already
 * executable would need it writable again while other threads may run it.
 */
public final class CodeArena implements AutoCloseable {

    private final Arena arena = Arena.ofShared();
    private final Stubs stubs = new Stubs(this);
    private final HostTable hosts = new HostTable(stubs);
    private final FrameMap frames = new FrameMap();
    /** Every installed block: its start address to its length, for {@link #requireCode}. */
    private final ConcurrentSkipListMap<Long, Integer> blocks = new ConcurrentSkipListMap<>();
    private int openContexts;

    private CodeArena() {}

    /**
     * A new, empty arena.
     *
     * @throws IllegalStateException when this JVM cannot run native code (see {@link NativeSupport#platformProblem()})
     */
    public static CodeArena open() {
        String problem = NativeSupport.platformProblem();
        if (problem != null) {
            throw new IllegalStateException(NativeSupport.UNAVAILABLE + problem);
        }
        return new CodeArena();
    }

    /** Copies {@code code} into fresh executable pages owned by this arena. */
    public CodeBlock install(byte[] code) {
        return seal(stage(code), code.length);
    }

    /** Step 1 of {@link #install}: fresh read-write pages holding {@code code}, owned by no one yet. */
    MemorySegment stage(byte[] code) {
        MemorySegment pages = Libc.map(Libc.roundUpToPage(Math.max(code.length, 1)), Libc.PROT_READ | Libc.PROT_WRITE);
        MemorySegment.copy(code, 0, pages, ValueLayout.JAVA_BYTE, 0, code.length);
        return pages;
    }

    /**
     * Step 2 of {@link #install}: makes staged pages read-execute (never writable again) and
     * hands them to this arena. Unmaps them if that fails.
     */
    CodeBlock seal(MemorySegment pages, int length) {
        try {
            Libc.protect(pages, Libc.PROT_READ | Libc.PROT_EXEC);
            // From here the arena owns the pages: closing it unmaps them. Throws if already closed.
            MemorySegment owned = pages.reinterpret(arena, Libc::unmap);
            blocks.put(owned.address(), length);
            return new CodeBlock(owned.asReadOnly(), length);
        } catch (RuntimeException | Error e) {
            Libc.unmap(pages);
            throw e;
        }
    }

    /**
     * Says which WebAssembly function the {@code length} bytes at {@code offset} of
     * {@code block} are: a trap in that code, or in code it called, lists {@code frame} in its
     * Wasm stack trace ({@link dev.kiln.TrapException#wasmStackTrace()}).
     *
     * @throws IllegalArgumentException when {@code block} is another arena's, the range is not
     *     inside it, or it overlaps a function already described
     */
    public void describeFunction(CodeBlock block, int offset, int length, WasmStackFrame frame) {
        describeFunction(block, offset, length, frame, SourceMap.EMPTY);
    }

    /**
     * {@link #describeFunction(CodeBlock, int, int, WasmStackFrame)}, with the byte offsets of the
     * function's stopping points ({@code sources}: offsets from the function's start).
     */
    public void describeFunction(CodeBlock block, int offset, int length, WasmStackFrame frame, SourceMap sources) {
        if (!block.code().scope().equals(arena.scope())) {
            throw new IllegalArgumentException("the code block belongs to another code arena");
        }
        if (offset < 0 || length <= 0 || offset > block.length() - length) {
            throw new IllegalArgumentException("bytes " + offset + ".." + ((long) offset + length)
                    + " are not inside a code block of " + block.length());
        }
        frames.add(block.address(offset), length, java.util.Objects.requireNonNull(frame, "frame"),
                java.util.Objects.requireNonNull(sources, "sources"));
    }

    /**
     * Refuses an address that is not inside code this arena installed, so a raw address from
     * elsewhere never becomes a jump target. (Stubs are installed blocks too.)
     *
     * @throws IllegalArgumentException when {@code address} is outside every block
     */
    void requireCode(long address) {
        var block = blocks.floorEntry(address);
        if (block == null || address - block.getKey() >= block.getValue()) {
            throw new IllegalArgumentException("0x" + Long.toHexString(address) + " is not code of this arena");
        }
    }

    /** The entry stub of {@code type}, made on first use. */
    public EntryStub entryStub(FunctionType type) {
        return stubs.entry(type);
    }

    /**
     * The native function at {@code target}, callable from Java by
     * {@link ExecutionContext#callRegisters}. Make it once per function and keep it: each call
     * takes another 24 bytes of the arena's memory, given back only when the arena closes.
     *
     * @param target an address inside code installed in this arena
     * @param moduleContext what the function gets in RBX
     * @throws IllegalArgumentException when {@code type} has no register form
     *     ({@link EntryStub#hasRegisterForm()}) or {@code target} is not code of this arena
     * @throws IllegalStateException when the arena is closed
     */
    public NativeFunction function(FunctionType type, long target, long moduleContext) {
        EntryStub entry = entryStub(type);
        if (!entry.hasRegisterForm()) {
            throw new IllegalArgumentException(type + " has no register form; call it with a slot array");
        }
        requireCode(target);
        MemorySegment record = arena.allocate(NativeFunction.RECORD_SIZE, 8);
        record.set(ValueLayout.JAVA_LONG, NativeFunction.RECORD_STUB, entry.registerCode);
        record.set(ValueLayout.JAVA_LONG, NativeFunction.RECORD_TARGET, target);
        record.set(ValueLayout.JAVA_LONG, NativeFunction.RECORD_MODULE_CONTEXT, moduleContext);
        return new NativeFunction(this, record.address());
    }

    /**
     * Makes {@code function} callable from native code of this arena: native code calls
     * {@link #hostTrampoline(FunctionType) the trampoline of its type} with the returned id in
     * RBX, and the function gets {@code caller} as its caller — the instance whose code imports
     * it, so each importing instance registers the function once.
     *
     * @param caller the instance the function is told called it; {@code null} for code that
     *     belongs to no instance
     */
    public int registerHostFunction(FunctionType type, HostFunction function, Instance caller) {
        return hosts.register(type, java.util.Objects.requireNonNull(function, "function"), caller);
    }

    /** {@link #registerHostFunction(FunctionType, HostFunction, Instance)} for code of no instance: the caller is {@code null}. */
    public int registerHostFunction(FunctionType type, HostFunction function) {
        return registerHostFunction(type, function, null);
    }

    /** Gives back a host function's id ({@link #registerHostFunction}) once no code can call it. */
    public void unregisterHostFunction(int id) {
        hosts.unregister(id);
    }

    /** The address of the host-call trampoline of {@code type}, made on first use. */
    public long hostTrampoline(FunctionType type) {
        return stubs.hostTrampoline(type);
    }

    Stubs stubs() {
        return stubs;
    }

    HostTable hosts() {
        return hosts;
    }

    FrameMap frames() {
        return frames;
    }

    /** Counts a new open execution context; fails if this arena is closed. */
    synchronized void attach() {
        if (!isOpen()) {
            throw new IllegalStateException("the code arena is closed");
        }
        openContexts++;
    }

    /** Uncounts an execution context that closed. */
    synchronized void detach() {
        openContexts--;
    }

    /** Whether {@link #close} has run. */
    public boolean isOpen() {
        return arena.scope().isAlive();
    }

    /**
     * Unmaps every block.
     *
     * @throws IllegalStateException if an execution context on this arena is still open, some
     *     thread is running code of this arena through {@link CodeBlock#downcall}, or the arena
     *     is already closed
     */
    @Override
    public synchronized void close() {
        if (openContexts > 0) {
            throw new IllegalStateException(openContexts + " execution context(s) on this code arena are still open");
        }
        arena.close();
    }
}
