package dev.kiln.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.nativecode.CallLayout;
import dev.kiln.internal.nativecode.CodeArena;
import dev.kiln.internal.nativecode.ExecutionContext;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.TableType;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-assembled native code reads and writes the runtime's native state the way compiled code
 * will: a global's cell, and {@code call_indirect}'s walk from a table descriptor to a function
 * record's type id, across a grow that moves the table's native array.
 */
class NativeStateTest {

    private static final FunctionType I64_I64_TO_I64 = new FunctionType(List.of(ValueType.I64, ValueType.I64), List.of(ValueType.I64));
    private static final CallLayout LAYOUT = new CallLayout(I64_I64_TO_I64);
    private static final Gpr FIRST = (Gpr) LAYOUT.params.get(0).register();
    private static final Gpr SECOND = (Gpr) LAYOUT.params.get(1).register();
    private static final Gpr RESULT = (Gpr) LAYOUT.results.getFirst().register();

    private final Store store = new Store(65536, 1000);
    private final InstanceArena arena = new InstanceArena(store);

    @Test
    void nativeCodeAndJavaShareAGlobalsCell() {
        GlobalInstance global = new GlobalInstance(new GlobalType(ValueType.I64, true), arena, 5, 0);
        // swap(cell, value): returns the old value and stores the new one
        Assembler a = new Assembler();
        a.mov(Width.W64, RESULT, Mem.of(FIRST));
        a.mov(Width.W64, Mem.of(FIRST), SECOND);
        a.ret();
        try (CodeArena code = CodeArena.open(); ExecutionContext context = new ExecutionContext(code)) {
            long swap = code.install(a.finish()).address(0);
            long[] values = {global.cell().address(), 77};
            context.call(code.entryStub(I64_I64_TO_I64), swap, 0, values);
            assertEquals(5, values[0], "native code read what Java wrote");
            assertEquals(77, global.get(), "Java reads what native code wrote");
        }
    }

    @Test
    void nativeCodeFollowsATableToItsRecords() {
        FunctionInstance nullary = host(List.of());
        FunctionInstance unary = host(List.of(ValueType.I32));
        TableInstance table = new TableInstance(new TableType(ValueType.FUNCREF, new Limits(2, Limits.NO_MAX)), arena);
        table.set(0, unary);
        try (CodeArena code = CodeArena.open(); ExecutionContext context = new ExecutionContext(code)) {
            long typeIdAt = code.install(typeIdAt()).address(0);
            assertEquals(unary.typeId, call(context, code, typeIdAt, table, 0));
            assertEquals(-1, call(context, code, typeIdAt, table, 1), "null");
            assertEquals(-2, call(context, code, typeIdAt, table, 2), "out of bounds");

            long before = table.descriptor().get(ValueLayout.JAVA_LONG, TableInstance.BASE);
            table.grow(1000, nullary);
            long after = table.descriptor().get(ValueLayout.JAVA_LONG, TableInstance.BASE);
            assertNotEquals(before, after, "the grow moved the native array");
            assertEquals(unary.typeId, call(context, code, typeIdAt, table, 0), "contents moved with it");
            assertEquals(nullary.typeId, call(context, code, typeIdAt, table, 1001));
            assertEquals(-2, call(context, code, typeIdAt, table, 1002));
        }
    }

    private static long call(ExecutionContext context, CodeArena code, long function, TableInstance table, long index) {
        long[] values = {table.descriptor().address(), index};
        context.call(code.entryStub(I64_I64_TO_I64), function, 0, values);
        return values[0];
    }

    /**
     * {@code typeIdAt(descriptor, index)}: what {@code call_indirect} checks, -1 for a null
     * element, -2 past the end.
     *
     * <pre>
     *   mov eax, [first + LENGTH]; cmp second, rax; jae outside
     *   mov rax, [first + BASE]; mov rax, [rax + second*8]; test rax, rax; jz null
     *   mov eax, [rax + TYPE_ID]; ret
     * </pre>
     */
    private static byte[] typeIdAt() {
        Assembler a = new Assembler();
        Label outside = a.newLabel();
        Label isNull = a.newLabel();
        a.mov(Width.W32, RESULT, Mem.of(FIRST, (int) TableInstance.LENGTH));
        a.alu(AluOp.CMP, Width.W64, SECOND, RESULT);
        a.jcc(Condition.AE, outside);
        a.mov(Width.W64, RESULT, Mem.of(FIRST, (int) TableInstance.BASE));
        a.mov(Width.W64, RESULT, Mem.of(RESULT, SECOND, 8, 0));
        a.test(Width.W64, RESULT, RESULT);
        a.jcc(Condition.E, isNull);
        a.mov(Width.W32, RESULT, Mem.of(RESULT, (int) FunctionRecord.TYPE_ID));
        a.ret();
        a.bind(isNull);
        a.mov(Width.W64, RESULT, new Imm(-1));
        a.ret();
        a.bind(outside);
        a.mov(Width.W64, RESULT, new Imm(-2));
        a.ret();
        return a.finish();
    }

    private FunctionInstance host(List<ValueType> params) {
        return new HostFunctionInstance("test", "f", new FunctionType(params, List.of()), arena, (caller, stack) -> { });
    }
}
