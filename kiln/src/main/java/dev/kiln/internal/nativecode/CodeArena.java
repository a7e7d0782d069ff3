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
 *   installFreeable(bytes): the same, in a block that free(block) unmaps on its own
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
 *
 * <p>A module's code is freeable: it belongs to an FFM arena of its own, which
 * {@link #free(CodeBlock)} closes when the module's last user is gone. The arena does not know
 * whether native code still runs there; its owner frees only when none can (the compiler engine
 * asks its execution context pool, see {@link ExecutionContextPool#deferFree}).
 */
public final class CodeArena implements AutoCloseable {

    private final Arena arena = Arena.ofShared();
    private final Stubs stubs = new Stubs(this);
    private final HostTable hosts = new HostTable(stubs);
    private final FrameMap frames = new FrameMap();
    /** Every installed block by its start address, for {@link #requireCode} and {@link #free}. */
    private final ConcurrentSkipListMap<Long, Installed> blocks = new ConcurrentSkipListMap<>();

    /** An installed block's length, and the FFM arena of its own if it is freeable, else null. */
    private record Installed(int length, Arena owner) {}
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
        return seal(stage(code), code.length, null);
    }

    /** {@link #install}, in a block {@link #free(CodeBlock)} can unmap before the arena closes. */
    public CodeBlock installFreeable(byte[] code) {
        return seal(stage(code), code.length, Arena.ofShared());
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
    CodeBlock seal(MemorySegment pages, int length, Arena owner) {
        MemorySegment owned = null;
        try {
            Libc.protect(pages, Libc.PROT_READ | Libc.PROT_EXEC);
            synchronized (this) {
                if (!isOpen()) {
                    throw new IllegalStateException("the code arena is closed");
                }
                // From here an arena owns the pages: closing it unmaps them.
                owned = pages.reinterpret(owner != null ? owner : arena, Libc::unmap);
                blocks.put(owned.address(), new Installed(length, owner));
                return new CodeBlock(owned.asReadOnly(), length);
            }
        } catch (RuntimeException | Error e) {
            if (owned == null) {
                Libc.unmap(pages);
            }
            if (owner != null) {
                owner.close(); // unmaps them if it owns them
            }
            throw e;
        }
    }

    /**
     * Unmaps a block {@link #installFreeable} made, and forgets the functions described in it.
     * The caller makes sure no native code runs there or will; nothing here can tell. Does
     * nothing once the arena is closed (which unmapped the block).
     *
     * @throws IllegalArgumentException when {@code block} is not a freeable block of this arena
     */
    public synchronized void free(CodeBlock block) {
        if (!isOpen()) {
            return;
        }
        long start = block.code().address();
        Installed installed = blocks.get(start);
        if (installed == null || installed.owner == null || installed.length != block.length()) {
            throw new IllegalArgumentException("not a freeable block of this code arena: 0x" + Long.toHexString(start));
        }
        blocks.remove(start);
        frames.removeWithin(start, start + block.code().byteSize());
        installed.owner.close();
    }

    /** How many freeable blocks ({@link #installFreeable}: modules' code) are mapped now. */
    public long freeableBlockCount() {
        return blocks.values().stream().filter(installed -> installed.owner != null).count();
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
        Installed installed = blocks.get(block.code().address());
        if (installed == null || installed.length != block.length()) {
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
        if (block == null || address - block.getKey() >= block.getValue().length) {
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
        for (Installed installed : blocks.values()) {
            if (installed.owner != null) {
                installed.owner.close();
            }
        }
        blocks.clear();
    }
}
