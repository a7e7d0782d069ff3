package dev.kiln.internal.compiler.amd64;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the operand combinations of a two-operand form: every register pair, every memory case
 * with a register that cycles through all sixteen, every register with every boundary immediate.
 */
final class Forms {

    /** Makes the instruction of a form from its operands. */
    interface Maker {
        Instruction make(Operand dst, Operand src);
    }

    private Forms() {
    }

    /** All 16 x 16 pairs of {@code dst} and {@code src} registers from the two sets. */
    static List<Instruction> regReg(Operand[] dsts, Operand[] srcs, Maker m) {
        List<Instruction> l = new ArrayList<>();
        for (Operand d : dsts) {
            for (Operand s : srcs) {
                l.add(m.make(d, s));
            }
        }
        return l;
    }

    /** Register destination, memory source; the register cycles through {@code regs}. */
    static List<Instruction> regMem(Operand[] regs, List<Mem> mems, Maker m) {
        List<Instruction> l = new ArrayList<>();
        for (int i = 0; i < mems.size(); i++) {
            l.add(m.make(regs[i % regs.length], mems.get(i)));
        }
        return l;
    }

    /** Memory destination, register source; the register cycles through {@code regs}. */
    static List<Instruction> memReg(List<Mem> mems, Operand[] regs, Maker m) {
        List<Instruction> l = new ArrayList<>();
        for (int i = 0; i < mems.size(); i++) {
            l.add(m.make(mems.get(i), regs[(i + 5) % regs.length]));
        }
        return l;
    }

    /** Every register with every immediate. */
    static List<Instruction> regImm(Operand[] regs, List<Long> imms, Maker m) {
        List<Instruction> l = new ArrayList<>();
        for (Operand r : regs) {
            for (long v : imms) {
                l.add(m.make(r, Imm.of(v)));
            }
        }
        return l;
    }

    /** Every memory case with an immediate cycling through {@code imms}. */
    static List<Instruction> memImm(List<Mem> mems, List<Long> imms, Maker m) {
        List<Instruction> l = new ArrayList<>();
        for (int i = 0; i < mems.size(); i++) {
            l.add(m.make(mems.get(i), Imm.of(imms.get(i % imms.size()))));
        }
        return l;
    }
}
