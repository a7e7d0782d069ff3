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
        this.module = module;
        this.layout = ModuleContextLayout.of(module);
        this.typeIds = typeIds;
    }

    /** How many functions the module defines: {@link #lower} takes 0 to this, exclusive. */
    public int functionCount() {
        return module.code().size();
    }

    /**
     * Lowers defined function {@code definedIndex} (its index among the module's own functions).
     *
     * @throws CompileException with {@link CompileException.Reason#UNSUPPORTED} when the
     *     function uses {@code v128}, naming the function and the instruction
     */
    public Function lower(int definedIndex) {
        int functionIndex = module.importedFunctionCount() + definedIndex;
        Support.check(module, functionIndex, module.code().get(definedIndex));
        String name = module.names().functionNames().get(functionIndex);
        return new FunctionLowering(module, layout, typeIds, definedIndex, name == null ? "fn" + functionIndex : name).run();
    }

    /** The SSA signature of a function of WebAssembly type {@code type}: the two contexts, then its own. */
    public static Signature signature(FunctionType type) {
        return new Signature(Types.with(List.of(Type.I64, Type.I64), type.params()), List.of(Types.of(type.results())));
    }
}
