package dev.kiln.internal.compiler.amd64;

import static dev.kiln.internal.compiler.amd64.Operands.GPRS;
import static dev.kiln.internal.compiler.amd64.Operands.WIDTHS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Integer data movement, arithmetic and stack instructions, checked against objdump. */
class IntegerEncodingTest {

    @AfterAll
    static void summary() {
        System.out.println("x86-64 encoder: objdump agreed on " + ObjdumpCheck.CONFIRMED.get()
                + " instruction forms so far");
    }

    @Test
    void mov() {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Width w : WIDTHS) {
                Forms.Maker m = (d, s) -> new Mov(w, d, s);
                l.addAll(Forms.regReg(GPRS, GPRS, m));
                l.addAll(Forms.regMem(GPRS, mems, m));
                l.addAll(Forms.memReg(mems, GPRS, m));
                l.addAll(Forms.memImm(mems, Operands.immediates(w::holdsImmediate), m));
                if (w != Width.W64) {
                    l.addAll(Forms.regImm(GPRS, Operands.immediates(w::holdsImmediate), m));
                }
            }
            List<Long> imm64 = new ArrayList<>();
            for (long v : Operands.IMMEDIATES_64) {
                imm64.add(v);
            }
            l.addAll(Forms.regImm(GPRS, imm64, (d, s) -> new Mov(Width.W64, d, s)));
            return l;
        });
    }

    @Test
    void lea() {
        ObjdumpCheck.check(mems -> Forms.regMem(GPRS, mems, (d, s) -> new Lea((Gpr) d, (Mem) s)));
        ObjdumpCheck.check(mems -> Forms.regMem(GPRS, mems, (d, s) -> new Lea(Width.W32, (Gpr) d, (Mem) s)));
    }

    @ParameterizedTest
    @EnumSource(AluOp.class)
    void alu(AluOp op) {
        checkEveryOperandForm(w -> (d, s) -> new Alu(op, w, d, s));
    }

    @Test
    void test() {
        checkEveryOperandForm(w -> (a, b) -> new TestFlags(w, a, b));
    }

    @Test
    void pushPopAndIndirectBranches() {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Gpr g : GPRS) {
                l.add(new Push(g));
                l.add(new Pop(g));
                l.add(new IndirectBranch(false, g));
                l.add(new IndirectBranch(true, g));
            }
            for (long v : Operands.immediates(v -> v == (int) v)) {
                l.add(new Push(Imm.of(v)));
            }
            for (Mem m : mems) {
                l.add(new IndirectBranch(false, m));
                l.add(new IndirectBranch(true, m));
            }
            return l;
        });
    }

    @Test
    void nullaryAndNops() {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>(List.of(Nullary.values()));
            for (int n = 1; n <= Nop.MAX_LENGTH; n++) {
                l.add(new Nop(n));
            }
            return l;
        });
    }

    @Test
    void movzxMovsx() {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (boolean signed : new boolean[] {false, true}) {
                for (Width sw : new Width[] {Width.W8, Width.W16, Width.W32}) {
                    for (Width dw : WIDTHS) {
                        if (dw.compareTo(sw) > 0) {
                            Forms.Maker m = (d, s) -> new Movx(signed, dw, (Gpr) d, sw, s);
                            l.addAll(Forms.regReg(GPRS, GPRS, m));
                            l.addAll(Forms.regMem(GPRS, mems, m));
                        }
                    }
                }
            }
            return l;
        });
    }

    @ParameterizedTest
    @EnumSource(ShiftOp.class)
    void shift(ShiftOp op) {
        int[] counts = {0, 1, 2, 7, 31, 63, 64, 255};
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Width w : WIDTHS) {
                for (Gpr g : GPRS) {
                    for (int c : counts) {
                        l.add(new Shift(op, w, g, c));
                    }
                    l.add(new ShiftByCl(op, w, g));
                }
                for (int i = 0; i < mems.size(); i++) {
                    l.add(new Shift(op, w, mems.get(i), counts[i % counts.length]));
                    l.add(new ShiftByCl(op, w, mems.get(i)));
                }
            }
            return l;
        });
    }

    @Test
    void imul() {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Width w : new Width[] {Width.W16, Width.W32, Width.W64}) {
                Forms.Maker two = (d, s) -> new Imul(w, (Gpr) d, s);
                l.addAll(Forms.regReg(GPRS, GPRS, two));
                l.addAll(Forms.regMem(GPRS, mems, two));
                List<Long> imms = Operands.immediates(v -> v == (int) v && w.holdsImmediate(v));
                int[] k = {0};
                Forms.Maker three = (d, s) -> new ImulImm(w, (Gpr) d, s, (int) (long) imms.get(k[0]++ % imms.size()));
                l.addAll(Forms.regReg(GPRS, GPRS, three));
                l.addAll(Forms.regMem(GPRS, mems, three));
                for (long v : imms) {
                    l.add(new ImulImm(w, Gpr.RAX, Gpr.R9, (int) v));
                }
            }
            return l;
        });
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unary(UnaryOp op) {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Width w : WIDTHS) {
                for (Gpr g : GPRS) {
                    l.add(new Unary(op, w, g));
                }
                for (Mem m : mems) {
                    l.add(new Unary(op, w, m));
                }
            }
            return l;
        });
    }

    @ParameterizedTest
    @EnumSource(BitOp.class)
    void bitCount(BitOp op) {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Width w : new Width[] {Width.W16, Width.W32, Width.W64}) {
                Forms.Maker m = (d, s) -> new BitCount(op, w, (Gpr) d, s);
                l.addAll(Forms.regReg(GPRS, GPRS, m));
                l.addAll(Forms.regMem(GPRS, mems, m));
            }
            return l;
        });
    }

    @ParameterizedTest
    @EnumSource(Condition.class)
    void setccAndCmov(Condition cc) {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Gpr g : GPRS) {
                l.add(new Setcc(cc, g));
            }
            for (Width w : new Width[] {Width.W16, Width.W32, Width.W64}) {
                Forms.Maker m = (d, s) -> new Cmov(cc, w, (Gpr) d, s);
                l.addAll(Forms.regReg(GPRS, GPRS, m));
                l.addAll(Forms.regMem(GPRS, mems, m));
            }
            return l;
        });
    }

    @Test
    void xchg() {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Width w : WIDTHS) {
                Forms.Maker m = (a, b) -> new Xchg(w, a, (Gpr) b);
                l.addAll(Forms.regReg(GPRS, GPRS, m));
                l.addAll(Forms.memReg(mems, GPRS, m));
            }
            return l;
        });
    }

    /** Every width, with register, memory and immediate operands in every position the instruction has. */
    private static void checkEveryOperandForm(java.util.function.Function<Width, Forms.Maker> maker) {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Width w : WIDTHS) {
                Forms.Maker m = maker.apply(w);
                l.addAll(Forms.regReg(GPRS, GPRS, m));
                l.addAll(Forms.regMem(GPRS, mems, m));
                l.addAll(Forms.memReg(mems, GPRS, m));
                l.addAll(Forms.regImm(GPRS, Operands.immediates(w::holdsImmediate), m));
                l.addAll(Forms.memImm(mems, Operands.immediates(w::holdsImmediate), m));
            }
            return l;
        });
    }
}
