package dev.kiln.internal.compiler.frontend;

import dev.kiln.CompileException;
import dev.kiln.FunctionType;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Signature;
import dev.kiln.internal.compiler.ssa.Type;
import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.TypeIds;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The compiler's frontend: lowers the functions of one validated module to SSA
 * ({@link dev.kiln.internal.compiler.ssa}), every check the spec requires explicit in the IR.
 * docs/compiler.md, "Frontend", describes how each construct lowers.
 *
 * <p>One instance per module holds what every function's lowering shares (the module, its
 * {@link ModuleContextLayout}, the type ids); it is immutable, so threads compiling functions in
 * parallel share it. Each {@link #lower} is independent.
 *
 * <p>A lowered function's signature is the native calling convention's: the execution context
 * and the module context ({@code i64}) first, then the WebAssembly parameters. In its IR,
 * {@code call fnN} names a function by its index in the module's function space (imports
 * first), though only defined functions are called that way.
 */
public final class Frontend {

    private final Module module;
    private final ModuleContextLayout layout;
    private final ToIntFunction<FunctionType> typeIds;
    private final long maxInstructions;

    /**
     * The heap one instruction of a function costs at its compile's peak (register allocation),
     * rounded up: {@code HostileModuleTest}'s 2.4 million instructions (a 4.2 MB body) peak at
     * 256–300 MiB, about 120 bytes each.
     */
    static final long PEAK_HEAP_PER_INSTRUCTION = 128;

    /** The frontend for {@code module}, which must have been validated. */
    public Frontend(Module module) {
        this(module, TypeIds::of);
    }

    /**
     * With the type ids {@code call_indirect} compares against given by {@code typeIds}: the
     * engine's are {@link TypeIds#of}, JVM-wide; golden tests number types themselves so their
     * texts do not depend on what else the JVM has seen.
     */
    Frontend(Module module, ToIntFunction<FunctionType> typeIds) {
        this(module, typeIds, instructionLimit(java.lang.Runtime.getRuntime().maxMemory()));
    }

    /** With at most {@code maxInstructions} instructions a function (see {@link #instructionLimit}). */
    Frontend(Module module, ToIntFunction<FunctionType> typeIds, long maxInstructions) {
        this.module = module;
        this.layout = ModuleContextLayout.of(module);
        this.typeIds = typeIds;
        this.maxInstructions = maxInstructions;
    }

    /**
     * The most instructions a function may have for a JVM whose heap may grow to {@code maxHeap}
     * bytes: its compile's peak must fit half the heap, so that functions compiling on other
     * threads, and what the program holds, have the rest. A bigger function is refused with
     * a {@code LIMIT} {@link CompileException} naming what it needs, not left to run the JVM out
     * of memory.
     */
    static long instructionLimit(long maxHeap) {
        return maxHeap / 2 / PEAK_HEAP_PER_INSTRUCTION;
    }

    /** How many functions the module defines: {@link #lower} takes 0 to this, exclusive. */
    public int functionCount() {
        return module.code().size();
    }

    /**
     * Lowers defined function {@code definedIndex} (its index among the module's own functions).
     *
     * @throws CompileException with {@link CompileException.Reason#UNSUPPORTED} when the
     *     function uses {@code v128}, naming the function and the instruction; with
     *     {@link CompileException.Reason#LIMIT} when it has more instructions than the heap allows
     *     compiling ({@link #instructionLimit})
     */
    public Function lower(int definedIndex) {
        int functionIndex = module.importedFunctionCount() + definedIndex;
        Support.check(module, functionIndex, module.code().get(definedIndex));
        String name = module.names().functionNames().get(functionIndex);
        return new FunctionLowering(module, layout, typeIds, definedIndex, name == null ? "fn" + functionIndex : name)
                .run(maxInstructions);
    }

    /** The SSA signature of a function of WebAssembly type {@code type}: the two contexts, then its own. */
    public static Signature signature(FunctionType type) {
        return new Signature(Types.with(List.of(Type.I64, Type.I64), type.params()), List.of(Types.of(type.results())));
    }
}
