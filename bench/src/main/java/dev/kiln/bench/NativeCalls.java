package dev.kiln.bench;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.nativecode.CodeArena;
import dev.kiln.internal.nativecode.EntryStub;
import dev.kiln.internal.nativecode.ExecutionContext;
import dev.kiln.internal.nativecode.NativeFunction;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Kiln's native substrate with hand-assembled functions (there is no compiler yet), for
 * {@link CallBench}: the code a compiler would emit for {@link TinyModules}' {@code add}
 * and {@code call_host}, and a bare FFM downcall to the same add as a C function.
 */
@State(Scope.Thread)
public class NativeCalls {

    /** Host calls per invocation of {@link #hostLoop}. */
    static final int HOST_LOOP = 16;

    /** SysV {@code int add(int, int)}, bound once per JVM: the plain FFM baseline. */
    static final MethodHandle BARE_ADD;
    private static final CodeArena BARE_ARENA;

    static {
        BARE_ARENA = CodeArena.open();
        Assembler a = new Assembler();
        a.mov(Width.W32, Gpr.RAX, Gpr.RDI);
        a.alu(AluOp.ADD, Width.W32, Gpr.RAX, Gpr.RSI);
        a.ret();
        BARE_ADD = Linker.nativeLinker().downcallHandle(
                MemorySegment.ofAddress(BARE_ARENA.install(a.finish()).address(0)),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    CodeArena arena;
    ExecutionContext context;
    EntryStub binaryI32;
    long add;
    NativeFunction addFunction;
    NativeFunction callHostFunction;
    NativeFunction hostLoopFunction;

    @Setup
    public void setUp() {
        FunctionType type = FunctionType.of(List.of(ValueType.I32, ValueType.I32), List.of(ValueType.I32));
        arena = CodeArena.open();
        int id = arena.registerHostFunction(type, (caller, stack) -> stack[0] = TinyModules.hostAdd(stack[0], stack[1]));
        long trampoline = arena.hostTrampoline(type);
        binaryI32 = arena.entryStub(type);
        add = arena.install(add()).address(0);
        addFunction = arena.function(type, add, 0);
        callHostFunction = arena.function(type, arena.install(callHost(trampoline, id)).address(0), 0);
        hostLoopFunction = arena.function(type, arena.install(hostLoop(trampoline, id)).address(0), 0);
        context = new ExecutionContext(arena);
        CallBench.requireSum(call(addFunction, 20, 22), "native add");
        CallBench.requireSum(call(callHostFunction, 20, 22), "native call_host");
        CallBench.requireSum(callSlots(add, 20, 22), "native add, slot form");
        long loop = context.callRegisters(hostLoopFunction, 20, 1, 0, 0);
        if (loop != 20 + HOST_LOOP) {
            throw new IllegalStateException("host loop returned " + loop);
        }
    }

    /** Through the register form, as {@link CallBench} calls. */
    long[] call(NativeFunction function, long a, long b) {
        return new long[] {context.callRegisters(function, a, b, 0, 0)};
    }

    /** Through the slot form. */
    long[] callSlots(long target, long a, long b) {
        long[] v = {a, b};
        context.call(binaryI32, target, 0, v);
        return new long[] {v[0]};
    }

    @TearDown
    public void tearDown() {
        context.close();
        arena.close();
    }

    /** {@code add}: RCX + RDI into RAX. */
    private static byte[] add() {
        Assembler a = new Assembler();
        a.mov(Width.W32, Gpr.RAX, Gpr.RCX);
        a.alu(AluOp.ADD, Width.W32, Gpr.RAX, Gpr.RDI);
        a.ret();
        return a.finish();
    }

    /** {@code call_host}: calls the host add with its own parameters (already in RCX, RDI). */
    private static byte[] callHost(long trampoline, int id) {
        Assembler a = new Assembler();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        a.push(Gpr.R15);
        a.push(Gpr.R15);
        a.mov(Width.W64, Gpr.RBX, new Imm(id));
        a.mov(Width.W64, Gpr.R15, new Imm(trampoline));
        a.call(Gpr.R15);
        a.pop(Gpr.R15);
        a.pop(Gpr.R15);
        a.pop(Gpr.RBP);
        a.ret();
        return a.finish();
    }

    /** {@code (a, b)}: {@value #HOST_LOOP} times {@code a = host_add(a, b)}; returns a. */
    private static byte[] hostLoop(long trampoline, int id) {
        Assembler a = new Assembler();
        Label loop = a.newLabel();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        for (Gpr g : List.of(Gpr.RDX, Gpr.R12, Gpr.R13, Gpr.R14, Gpr.R15, Gpr.R15)) {
            a.push(g);
        }
        a.mov(Width.W64, Gpr.RDX, Gpr.RAX); // the context, kept for every call
        a.mov(Width.W32, Gpr.R12, Gpr.RCX);
        a.mov(Width.W32, Gpr.R13, Gpr.RDI);
        a.mov(Width.W32, Gpr.R14, new Imm(HOST_LOOP));
        a.mov(Width.W64, Gpr.R15, new Imm(trampoline));
        a.bind(loop);
        a.mov(Width.W64, Gpr.RAX, Gpr.RDX);
        a.mov(Width.W32, Gpr.RCX, Gpr.R12);
        a.mov(Width.W32, Gpr.RDI, Gpr.R13);
        a.mov(Width.W64, Gpr.RBX, new Imm(id));
        a.call(Gpr.R15);
        a.mov(Width.W32, Gpr.R12, Gpr.RAX);
        a.alu(AluOp.SUB, Width.W32, Gpr.R14, new Imm(1));
        a.jcc(Condition.NE, loop);
        a.mov(Width.W32, Gpr.RAX, Gpr.R12);
        for (Gpr g : List.of(Gpr.R15, Gpr.R15, Gpr.R14, Gpr.R13, Gpr.R12, Gpr.RDX)) {
            a.pop(g);
        }
        a.pop(Gpr.RBP);
        a.ret();
        return a.finish();
    }
}
