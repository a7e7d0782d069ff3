package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Label;
import java.util.List;
import java.util.StringJoiner;

/**
 * A {@code br_table}: an index out of range goes to the default, any other through a table of
 * one 5-byte {@code jmp rel32} per case. The lowering computes {@code address = table + index *
 * 5} beforehand ({@link TableAddress}: arithmetic only, harmless for an index out of range), so
 * the whole dispatch is one terminator and the default and the cases are all its successors —
 * no block between them whose edges the allocator would have to split.
 *
 * <pre>
 *   cmp  index, cases
 *   jae  default
 *   jmp  address              address = table + 5 * index
 *   table:
 *   jmp  case0                (rel32 form, 5 bytes each)
 *   jmp  case1
 *   ...
 * </pre>
 */
public final class JumpTable extends MachineInstruction {

    private final MachineBlock fallback;
    private final List<MachineBlock> cases;
    private Label table;

    /** Uses: the index (an i32), the address {@link TableAddress} computed. */
    public JumpTable(int index, int address, MachineBlock fallback, List<MachineBlock> cases) {
        super(new int[] {index, address}, new int[0]);
        this.fallback = fallback;
        this.cases = List.copyOf(cases);
    }

    @Override
    public boolean isTerminator() {
        return true;
    }

    /** The table's label in {@code e}'s assembler, made on first request. */
    Label table(Emission e) {
        if (table == null) {
            table = e.assembler().newLabel();
        }
        return table;
    }

    @Override
    public void emit(Emission e) {
        var a = e.assembler();
        a.alu(dev.kiln.internal.compiler.amd64.AluOp.CMP, dev.kiln.internal.compiler.amd64.Width.W32, Reg.gpr(use(0)),
                new dev.kiln.internal.compiler.amd64.Imm(cases.size()));
        a.jcc(dev.kiln.internal.compiler.amd64.Condition.AE, e.label(fallback));
        a.jmp(Reg.gpr(use(1)));
        a.bind(table(e));
        for (MachineBlock c : cases) {
            a.jmpLong(e.label(c));
        }
    }

    @Override
    protected String mnemonic() {
        return "jmp_table";
    }

    @Override
    protected String targets() {
        StringJoiner text = new StringJoiner(", ", "[", "]");
        cases.forEach(c -> text.add(c.toString()));
        return fallback + ", " + text;
    }
}
