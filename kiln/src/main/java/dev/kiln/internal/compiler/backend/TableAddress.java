package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;

/**
 * {@code dst = table + index * 5}, where {@code table} is a {@link JumpTable}'s (the index, an
 * i32, zero-extended): {@code lea dst, [rip + table]; lea scratch, [index + index*4]; add}.
 * {@code dst} is written before {@code index} is read, so the lowering gives {@code dst} a
 * register of its own: the uses are index and dst's previous value (an {@link IntConst} 0),
 * which keeps the two apart.
 */
public final class TableAddress extends MachineInstruction {

    private final JumpTable table;

    /** Uses: {@code index}, {@code dst}; defs: {@code dst}. */
    public TableAddress(JumpTable table, int dst, int index) {
        super(new int[] {index, dst}, new int[] {dst});
        this.table = table;
    }

    @Override
    public void emit(Emission e) {
        var a = e.assembler();
        Gpr dst = Reg.gpr(def(0));
        Gpr index = Reg.gpr(use(0));
        a.lea(dst, table.table(e));
        a.alu(dev.kiln.internal.compiler.amd64.AluOp.ADD, Width.W64, dst, index);
        a.lea(dst, Mem.of(dst, index, 4, 0));
    }

    @Override
    protected String mnemonic() {
        return "table_address";
    }
}
