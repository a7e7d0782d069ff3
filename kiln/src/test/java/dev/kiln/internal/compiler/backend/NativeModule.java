package dev.kiln.internal.compiler.backend;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.internal.nativecode.ExitCode;
import dev.kiln.internal.compiler.Dump;
import dev.kiln.internal.compiler.FunctionCompiler;
import dev.kiln.internal.compiler.ModuleCompiler;
import dev.kiln.internal.nativecode.CodeArena;
import dev.kiln.internal.nativecode.CodeBlock;
import dev.kiln.internal.nativecode.CpuFeatures;
import dev.kiln.internal.nativecode.ExecutionContext;
import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.runtime.MemoryDescriptor;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Module;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A module compiled by the backend and run without the engine: every defined function through
 * frontend, lowering, an allocator and the emitter, linked into one code block, with a module
 * context laid out by hand (one memory of up to {@link #RESERVED_PAGES} pages, zeroed globals, no
 * imports). Of the exits it serves {@code memory.grow}, {@code memory.fill} and
 * {@code memory.copy}, enough to test how compiled code calls exits; the engine serves them all.
 */
final class NativeModule implements AutoCloseable {

    private static final long PAGE = 65536;
    static final long RESERVED_PAGES = 4;

    private final Module module;
    private final CodeArena arena = CodeArena.open();
    private final Arena memory = Arena.ofConfined();
    private final ExecutionContext context = new ExecutionContext(arena);
    private final MemorySegment moduleContext;
    private final MemorySegment linearMemory;
    private MemorySegment descriptor;
    private final long[] addresses;
    NativeModule(Module module, FunctionCompiler.Optimizer optimizer, FunctionCompiler.Allocator allocator) {
        this.module = module;
        ModuleContextLayout layout = ModuleContextLayout.of(module);
        ExitCalls exits = ExitCalls.register(arena, this::serve);
        FunctionCompiler compiler = new FunctionCompiler(module, CpuFeatures.host(), exits, optimizer, allocator, Dump.NONE);
        Linker.Linked linked = ModuleCompiler.compile(compiler, module.importedFunctionCount());
        CodeBlock block = arena.install(linked.code());
        addresses = new long[linked.offsets().length];
        for (int k = 0; k < addresses.length; k++) {
            addresses[k] = block.address(linked.offsets()[k]);
        }
        moduleContext = memory.allocate(layout.size(), 16);
        long pages = module.memorySpace().isEmpty() ? 0 : module.memorySpace().getFirst().limits().min();
        linearMemory = memory.allocate(RESERVED_PAGES * PAGE, 16);
        if (!module.memorySpace().isEmpty()) {
            descriptor = memory.allocate(MemoryDescriptor.SIZE, 8);
            descriptor.set(ValueLayout.JAVA_LONG, MemoryDescriptor.BASE, linearMemory.address());
            descriptor.set(ValueLayout.JAVA_LONG, MemoryDescriptor.LENGTH, pages * PAGE);
            descriptor.set(ValueLayout.JAVA_LONG, MemoryDescriptor.PAGES, pages);
            moduleContext.set(ValueLayout.JAVA_LONG, layout.memory(0), descriptor.address());
        }
    }

    private void serve(ExitCode exit, long[] stack) {
        long length = descriptor.get(ValueLayout.JAVA_LONG, MemoryDescriptor.LENGTH);
        switch (exit) {
            case MEMORY_GROW -> {
                long pages = length / PAGE;
                long delta = stack[2] & 0xffff_ffffL;
                long max = module.memorySpace().getFirst().limits().max();
                if (pages + delta > Math.min(RESERVED_PAGES, max < 0 ? Long.MAX_VALUE : max)) {
                    stack[0] = 0xffff_ffffL;
                    return;
                }
                descriptor.set(ValueLayout.JAVA_LONG, MemoryDescriptor.LENGTH, (pages + delta) * PAGE);
                descriptor.set(ValueLayout.JAVA_LONG, MemoryDescriptor.PAGES, pages + delta);
                stack[0] = pages;
            }
            case MEMORY_FILL -> {
                long to = stack[2] & 0xffff_ffffL;
                long n = stack[4] & 0xffff_ffffL;
                check(to + n <= length);
                linearMemory.asSlice(to, n).fill((byte) stack[3]);
            }
            case MEMORY_COPY -> {
                long to = stack[3] & 0xffff_ffffL;
                long from = stack[4] & 0xffff_ffffL;
                long n = stack[5] & 0xffff_ffffL;
                check(to + n <= length && from + n <= length);
                MemorySegment.copy(linearMemory, from, linearMemory, to, n);
            }
            default -> throw new UnsupportedOperationException("the test harness does not serve " + exit);
        }
    }

    private static void check(boolean inBounds) {
        if (!inBounds) {
            throw new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS, List.of());
        }
    }

    /** Calls export {@code name} with slot-form arguments; returns its results in slot form. */
    long[] call(String name, long... args) {
        int index = exportedFunction(name);
        FunctionType type = module.functionType(index);
        long[] values = new long[Math.max(1, Math.max(type.params().size(), type.results().size()))];
        System.arraycopy(args, 0, values, 0, args.length);
        context.clearInterrupt(); // as the engine's pool does for each outermost call
        context.call(arena.entryStub(type), addresses[index - module.importedFunctionCount()], moduleContext.address(),
                values);
        return java.util.Arrays.copyOf(values, type.results().size());
    }

    /** Raises the interrupt flag of the context calls run on (from any thread). */
    void interrupt() {
        context.interrupt();
    }

    private int exportedFunction(String name) {
        for (Export e : module.exports()) {
            if (e.name().equals(name) && e.kind() == ExternalKind.FUNCTION) {
                return e.index();
            }
        }
        throw new IllegalArgumentException("no exported function " + name);
    }

    @Override
    public void close() {
        context.close();
        arena.close();
        memory.close();
    }
}
