package dev.kiln.internal.compiler;

import dev.kiln.internal.compiler.backend.Emitter;
import dev.kiln.internal.compiler.backend.ExitCalls;
import dev.kiln.internal.compiler.backend.Lowering;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.frontend.Frontend;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Printer;
import dev.kiln.internal.nativecode.CpuFeatures;
import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.wasm.Module;

/**
 * One function through the pipeline, each phase's output printable ({@link Dump}):
 *
 * <pre>
 *   Wasm body --Frontend--> SSA --passes--> SSA --Lowering--> machine code on virtual registers
 *             --register allocation--> machine code on physical registers --Emitter--> bytes
 * </pre>
 *
 * Immutable and shared by the threads compiling one module's functions.
 */
public final class FunctionCompiler {

    /** The SSA passes, run on each function between the frontend and the lowering. */
    @FunctionalInterface
    public interface Optimizer {
        void optimize(Function function);
    }

    /** The register allocator: rewrites a function's virtual registers to physical ones. */
    @FunctionalInterface
    public interface Allocator {
        void allocate(MachineFunction function);
    }

    private final Frontend frontend;
    private final Lowering.ModuleInfo module;
    private final CpuFeatures cpu;
    private final ExitCalls exits;
    private final Optimizer optimizer;
    private final Allocator allocator;
    private final Dump dump;

    public FunctionCompiler(Module module, CpuFeatures cpu, ExitCalls exits, Optimizer optimizer, Allocator allocator,
                            Dump dump) {
        this.frontend = new Frontend(module);
        this.module = Lowering.ModuleInfo.of(module, ModuleContextLayout.of(module));
        this.cpu = cpu;
        this.exits = exits;
        this.optimizer = optimizer;
        this.allocator = allocator;
        this.dump = dump;
    }

    /** How many functions the module defines. */
    public int functionCount() {
        return frontend.functionCount();
    }

    /**
     * Compiles defined function {@code definedIndex}.
     *
     * @throws dev.kiln.CompileException with reason {@code UNSUPPORTED} for what the compiler
     *     does not compile yet (v128; an instruction the CPU lacks)
     */
    public Emitter.Code compile(int definedIndex) {
        MachineFunction machine = lowered(definedIndex);
        String name = machine.name();
        allocator.allocate(machine);
        dump.show(Dump.Phase.REGALLOC, name, machine);
        Emitter.Code code = Emitter.emit(machine, dump.wants(Dump.Phase.ASM, name));
        dump.show(Dump.Phase.ASM, name, code.listing());
        return code;
    }

    /**
     * The optimized function as machine instructions. Its SSA form dies when this returns, so a
     * huge function's IR is not held through register allocation.
     */
    private MachineFunction lowered(int definedIndex) {
        Function ssa = frontend.lower(definedIndex);
        String name = ssa.name();
        if (dump.wants(Dump.Phase.SSA, name)) {
            dump.show(Dump.Phase.SSA, name, Printer.print(ssa));
        }
        optimizer.optimize(ssa);
        if (dump.wants(Dump.Phase.OPT, name)) {
            dump.show(Dump.Phase.OPT, name, Printer.print(ssa));
        }
        MachineFunction machine = Lowering.lower(ssa, module, cpu, exits);
        dump.show(Dump.Phase.LOWERED, name, machine);
        return machine;
    }
}
