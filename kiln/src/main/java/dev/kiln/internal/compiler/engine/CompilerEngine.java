package dev.kiln.internal.compiler.engine;

import dev.kiln.CompileException;
import dev.kiln.WasmStackFrame;
import dev.kiln.internal.compiler.Dump;
import dev.kiln.internal.compiler.FunctionCompiler;
import dev.kiln.internal.compiler.ModuleCompiler;
import dev.kiln.internal.compiler.backend.ExitCalls;
import dev.kiln.internal.compiler.backend.Linker;
import dev.kiln.internal.compiler.pass.Pipeline;
import dev.kiln.internal.compiler.regalloc.RegAllocChecker;
import dev.kiln.internal.compiler.regalloc.RegisterAllocator;
import dev.kiln.internal.interpreter.InterpreterEngine;
import dev.kiln.internal.nativecode.CodeArena;
import dev.kiln.internal.nativecode.CodeBlock;
import dev.kiln.internal.nativecode.CpuFeatures;
import dev.kiln.internal.nativecode.ExecutionContextPool;
import dev.kiln.internal.runtime.Engine;
import dev.kiln.internal.runtime.EngineModule;
import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.FunctionRecord;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.Store;
import dev.kiln.internal.wasm.Module;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The optimizing compiler engine (DESIGN.md §4): every function of a module to native x86-64
 * code through {@link FunctionCompiler}, in parallel, installed in one code arena per runtime,
 * run on execution contexts from one pool. A module it cannot compile yet (v128) runs on the
 * interpreter instead, which is said once per runtime.
 *
 * <pre>
 *   CompilerEngine (per store)     code arena, context pool, one host function per exit,
 *     │                            the instances by module-context address
 *     └─ CompiledModuleCode        function addresses, module-context layout
 *          └─ NativeInstance       a module context in the instance's arena
 *               └─ CompiledFunction  code address + module context
 * </pre>
 */
public final class CompilerEngine implements Engine {

    private final Store store;
    private final CodeArena arena = CodeArena.open();
    /** {@code -Dkiln.perfmap=true}: where compiled functions are listed for perf, else {@code null}. */
    private final PerfMap perfMap = PerfMap.fromSystemProperties();
    private final ExecutionContextPool contexts = new ExecutionContextPool(arena);
    private final InterpreterEngine fallback;
    private final FunctionCompiler.Optimizer optimizer;
    private final FunctionCompiler.Allocator allocator;
    private final ExitCalls exitCalls;
    private final Map<Long, NativeInstance> instances = new ConcurrentHashMap<>();
    private final AtomicBoolean fellBack = new AtomicBoolean();

    /**
     * The engine with the pass pipeline and the register allocator; {@code -Dkiln.regalloc.check=true}
     * checks every allocation ({@link RegAllocChecker}), as the tests do.
     */
    public CompilerEngine(Store store) {
        this(store, function -> Pipeline.run(function, null),
                Boolean.getBoolean("kiln.regalloc.check") ? RegisterAllocator::allocateChecked : RegisterAllocator::assign);
    }

    public CompilerEngine(Store store, FunctionCompiler.Optimizer optimizer, FunctionCompiler.Allocator allocator) {
        this.store = store;
        this.fallback = new InterpreterEngine(store);
        this.optimizer = optimizer;
        this.allocator = allocator;
        this.exitCalls = ExitCalls.register(arena, new ExitServer(this)::serve);
        store.recordFiller(this::fillRecord);
        store.reclaimer(contexts::deferFree);
    }

    @Override
    public String name() {
        return "compiler";
    }

    @Override
    public EngineModule compile(Module module) {
        Linker.Linked linked;
        try {
            FunctionCompiler compiler = new FunctionCompiler(module, CpuFeatures.host(), exitCalls, optimizer, allocator,
                    Dump.fromSystemProperties());
            linked = ModuleCompiler.compile(compiler, module.importedFunctionCount());
        } catch (CompileException e) {
            if (e.reason() != CompileException.Reason.UNSUPPORTED) {
                throw e;
            }
            if (fellBack.compareAndSet(false, true)) {
                // Looked up only to say something: the first lookup costs a fresh JVM 7 ms.
                System.getLogger(CompilerEngine.class.getName()).log(System.Logger.Level.INFO,
                        "running a module on the interpreter: " + e.getMessage());
            }
            return fallback.compile(module);
        }
        CodeBlock block = arena.installFreeable(linked.code());
        long[] addresses = new long[linked.offsets().length];
        WasmStackFrame[] frames = new WasmStackFrame[addresses.length];
        int imported = module.importedFunctionCount();
        for (int k = 0; k < addresses.length; k++) {
            addresses[k] = block.address(linked.offsets()[k]);
            int index = imported + k;
            frames[k] = new WasmStackFrame(module.names().moduleName(), index, module.names().functionNames().get(index), -1);
            arena.describeFunction(block, linked.offsets()[k], linked.lengths()[k], frames[k], linked.sources()[k]);
        }
        if (perfMap != null) {
            perfMap.append(addresses, linked.lengths(), frames);
        }
        return new CompiledModuleCode(this, module, block, addresses);
    }

    CodeArena arena() {
        return arena;
    }

    /** Unmaps a module's code once no call that may run it is running (its last user went). */
    void freeCode(CodeBlock block) {
        store.free(() -> arena.free(block));
    }

    ExecutionContextPool contexts() {
        return contexts;
    }

    Store store() {
        return store;
    }

    void register(NativeInstance instance) {
        instances.put(instance.moduleContext(), instance);
    }

    void unregister(NativeInstance instance) {
        instances.remove(instance.moduleContext());
    }

    /** The instance whose module context is at {@code moduleContext} (an exit's first argument). */
    NativeInstance instanceAt(long moduleContext) {
        NativeInstance instance = instances.get(moduleContext);
        if (instance == null) {
            throw new IllegalStateException("no compiled instance has its module context at 0x"
                    + Long.toHexString(moduleContext));
        }
        return instance;
    }

    /** Registers {@code function} as a host function native code calls, told {@code caller} called it. */
    int hostCall(FunctionInstance function, ModuleInstance caller) {
        return arena.registerHostFunction(function.type(), NativeInstance.bridge(function, () -> caller, store));
    }

    /**
     * The instance whose compiled code made the running thread's latest indirect call (which it
     * records in the execution context just before): the caller of a function reached through a
     * table.
     */
    private ModuleInstance indirectCaller() {
        var context = contexts.current();
        NativeInstance caller = context == null ? null : instances.get(context.callerContext());
        return caller == null ? null : caller.runtimeInstance();
    }

    /**
     * Makes a function's record callable from compiled code ({@link dev.kiln.internal.runtime.RecordFiller}):
     * its own code and module context if it is compiled here, else the host-call trampoline of its
     * type with a host function that runs it.
     */
    private void fillRecord(FunctionInstance function, MemorySegment record) {
        record.set(ValueLayout.JAVA_LONG, FunctionRecord.REFERENCE, store.referenceOf(function));
        if (function instanceof CompiledFunction compiled && compiled.engine() == this) {
            record.set(ValueLayout.JAVA_LONG, FunctionRecord.CODE, compiled.code);
            record.set(ValueLayout.JAVA_LONG, FunctionRecord.CONTEXT, compiled.moduleContext());
        } else {
            record.set(ValueLayout.JAVA_LONG, FunctionRecord.CODE, arena.hostTrampoline(function.type()));
            int id = arena.registerHostFunction(function.type(), NativeInstance.bridge(function, this::indirectCaller, store));
            function.arena().onFree(() -> arena.unregisterHostFunction(id)); // the record goes with it
            record.set(ValueLayout.JAVA_LONG, FunctionRecord.CONTEXT, id & 0xFFFF_FFFFL);
        }
    }

    @Override
    public void stopCalls() {
        contexts.stopLending();
    }

    @Override
    public void close() {
        contexts.close();
        arena.close();
    }
}
