package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Label;
import java.util.List;
import java.util.StringJoiner;

/**
 * The indirect jump of a {@code br_table} whose index is already known in range: {@code jmp
 * address}, followed by the table itself, one 5-byte {@code jmp rel32} per case. The lowering
 * computes {@code address = table + index * 5} beforehand ({@link TableAddress}).
 *
 * <pre>
 *   jmp  address              address = table + 5 * index
 *   table:
 *   jmp  case0                (rel32 form, 5 bytes each)
 *   jmp  case1
 *   ...
 * </pre>
 */
public final class JumpTable extends MachineInstruction {

    private final List<MachineBlock> cases;
    private Label table;

    public JumpTable(int address, List<MachineBlock> cases) {
        super(new int[] {address}, new int[0]);
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
        a.jmp(Reg.gpr(use(0)));
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
        return text.toString();
    }
}
