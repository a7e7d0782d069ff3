package dev.kiln.internal.compiler.regalloc;

import static dev.kiln.internal.compiler.regalloc.RegisterAllocatorTest.callClobbers;
import static dev.kiln.internal.compiler.regalloc.TestOp.call;
import static dev.kiln.internal.compiler.regalloc.TestOp.op;
import static dev.kiln.internal.compiler.regalloc.TestOp.regs;
import static dev.kiln.internal.compiler.regalloc.TestOp.terminator;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Xmm;
import dev.kiln.internal.compiler.backend.Jump;
import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.MachineInstruction;
import dev.kiln.internal.compiler.backend.Move;
import dev.kiln.internal.compiler.backend.Reg;
import dev.kiln.internal.compiler.backend.RegClass;
import dev.kiln.internal.nativecode.Abi;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random machine functions shaped like the lowering's output: structured control flow
 * (diamonds and loops, nested, so the CFG is reducible and its critical edges split), values of
 * both classes that are only read where they are defined on every path (a value made in a
 * branch arm or a loop body goes out of scope at its end, unless a move on each arm makes a
 * joined value), loop-carried values redefined by two-address operations, calls with their
 * arguments and results in fixed registers, shifts by RCX, and divisions on RAX:RDX. Uses pick
 * any value in scope, so many stay live at once.
 */
final class RandomPrograms {

    private static final int MAX_NESTING = 3;
    private static final int MAX_SHAPE = 60;

    private final Random random;
    private final MachineFunction function;
    private final List<Integer> ints = new ArrayList<>();
    private final List<Integer> floats = new ArrayList<>();
    private MachineBlock current;
    private int loopDepth;

    private RandomPrograms(long seed) {
        this.random = new Random(seed);
        this.function = new MachineFunction("random" + seed);
    }

    /** A function of about {@code size} instructions, the same one for the same seed. */
    static MachineFunction generate(long seed, int size) {
        RandomPrograms programs = new RandomPrograms(seed);
        programs.body(size);
        return programs.function;
    }

    private void body(int size) {
        current = newBlock();
        ints.add(moveFrom(Reg.of(Abi.EXEC_CTX)));
        ints.add(moveFrom(Reg.of(Gpr.RCX)));
        ints.add(moveFrom(Reg.of(Gpr.RDI)));
        floats.add(moveFrom(Reg.of(Xmm.XMM0)));
        region(size, 0);
        current.append(new Move(RegClass.INT, Reg.of(Gpr.RAX), pick(ints)));
        current.append(new Move(RegClass.FLOAT, Reg.of(Xmm.XMM0), pick(floats)));
        current.append(terminator("ret", Reg.of(Gpr.RAX), Reg.of(Xmm.XMM0)));
    }

    private void region(int budget, int nesting) {
        while (budget > 0) {
            int shape = random.nextInt(10);
            int part = 1 + random.nextInt(Math.min(budget, MAX_SHAPE));
            if (shape == 0 && nesting < MAX_NESTING) {
                diamond(part, nesting + 1);
                budget -= part;
            } else if (shape == 1 && nesting < MAX_NESTING) {
                loop(part, nesting + 1);
                budget -= part;
            } else {
                instruction();
                budget--;
            }
        }
    }

    private void diamond(int budget, int nesting) {
        MachineBlock branch = current;
        branch.append(terminator("br_if", pick(ints)));
        RegClass joinedClass = random.nextBoolean() ? RegClass.INT : RegClass.FLOAT;
        int joined = function.newVirtual(joinedClass);
        MachineBlock[] armEnds = new MachineBlock[2];
        int[] sources = new int[2];
        for (int arm = 0; arm < 2; arm++) {
            current = newBlock();
            branch.addSuccessor(current);
            int intScope = ints.size();
            int floatScope = floats.size();
            region(budget / 2, nesting);
            sources[arm] = pick(values(joinedClass));
            armEnds[arm] = current;
            truncate(ints, intScope);
            truncate(floats, floatScope);
        }
        MachineBlock join = newBlock();
        for (int arm = 0; arm < 2; arm++) {
            armEnds[arm].append(new Move(joinedClass, joined, sources[arm]));
            armEnds[arm].append(new Jump(join));
            armEnds[arm].addSuccessor(join);
        }
        values(joinedClass).add(joined);
        current = join;
    }

    /** header: values, a branch to the body or out; body ... latch: redefine carried values, back to the header. */
    private void loop(int budget, int nesting) {
        List<Integer> carried = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            carried.add(random.nextBoolean() ? pick(ints) : pick(floats));
        }
        loopDepth++;
        MachineBlock header = newBlock();
        current.append(new Jump(header));
        current.addSuccessor(header);
        current = header;
        for (int i = random.nextInt(3); i > 0; i--) {
            instruction();
        }
        header.append(terminator("br_if", pick(ints)));
        current = newBlock();
        header.addSuccessor(current);
        int intScope = ints.size();
        int floatScope = floats.size();
        region(budget, nesting);
        for (int value : carried) {
            current.append(op("update", regs(value), value, pick(values(function.regClass(value)))));
        }
        current.append(new Jump(header));
        current.addSuccessor(header);
        truncate(ints, intScope);
        truncate(floats, floatScope);
        loopDepth--;
        current = newBlock();
        header.addSuccessor(current);
    }

    private void instruction() {
        switch (random.nextInt(12)) {
            case 0 -> callOut();
            case 1 -> shift();
            case 2 -> divide();
            case 3 -> current.append(op("sink", regs(), pick(ints)));
            case 4 -> {
                int value = pick(ints);
                current.append(op("add", regs(value), value, pick(ints)));
            }
            case 5 -> {
                int value = pick(floats);
                current.append(op("addsd", regs(value), value, pick(floats)));
            }
            case 6 -> define(RegClass.FLOAT, op("cvtsi2sd", regs(function.newVirtual(RegClass.FLOAT)), pick(ints)));
            case 7 -> define(RegClass.FLOAT, op("mulsd", regs(function.newVirtual(RegClass.FLOAT)), pick(floats), pick(floats)));
            case 8 -> define(RegClass.INT, op("const", regs(function.newVirtual(RegClass.INT))));
            case 9 -> define(RegClass.INT, new Move(RegClass.INT, function.newVirtual(RegClass.INT), pick(ints)));
            default -> define(RegClass.INT, op("lea", regs(function.newVirtual(RegClass.INT)), pick(ints), pick(ints)));
        }
    }

    private void define(RegClass regClass, MachineInstruction instruction) {
        current.append(instruction);
        values(regClass).add(instruction.def(0));
    }

    /** Arguments into their registers, the call, results out of theirs. */
    private void callOut() {
        List<Integer> arguments = new ArrayList<>(List.of(Reg.of(Abi.EXEC_CTX)));
        current.append(new Move(RegClass.INT, Reg.of(Abi.EXEC_CTX), ints.getFirst()));
        for (int i = random.nextInt(Abi.INT_PARAMS.size() + 1); i > 0; i--) {
            int reg = Reg.of(Abi.INT_PARAMS.get(i - 1));
            current.append(new Move(RegClass.INT, reg, pick(ints)));
            arguments.add(reg);
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            int reg = Reg.of(Abi.FLOAT_PARAMS.get(i - 1));
            current.append(new Move(RegClass.FLOAT, reg, pick(floats)));
            arguments.add(reg);
        }
        int intResult = Reg.of(Gpr.RAX);
        int floatResult = Reg.of(Xmm.XMM0);
        current.append(call(callClobbers(intResult, floatResult), regs(intResult, floatResult),
                arguments.stream().mapToInt(Integer::intValue).toArray()));
        ints.add(moveFrom(intResult));
        if (random.nextBoolean()) {
            floats.add(moveFrom(floatResult));
        }
    }

    private void shift() {
        int value = pick(ints);
        current.append(new Move(RegClass.INT, Reg.of(Gpr.RCX), pick(ints)));
        current.append(op("shl", regs(value), value, Reg.of(Gpr.RCX)));
    }

    private void divide() {
        int rax = Reg.of(Gpr.RAX);
        int rdx = Reg.of(Gpr.RDX);
        current.append(new Move(RegClass.INT, rax, pick(ints)));
        current.append(op("cqo", regs(rdx), rax));
        current.append(op("idiv", regs(rax, rdx), rax, rdx, pick(ints)));
        ints.add(moveFrom(random.nextBoolean() ? rax : rdx));
    }

    private int moveFrom(int physical) {
        RegClass regClass = Reg.physicalClass(physical);
        int value = function.newVirtual(regClass);
        current.append(new Move(regClass, value, physical));
        return value;
    }

    private MachineBlock newBlock() {
        MachineBlock block = function.newBlock();
        block.setLoopDepth(loopDepth);
        return block;
    }

    private List<Integer> values(RegClass regClass) {
        return regClass == RegClass.INT ? ints : floats;
    }

    private int pick(List<Integer> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static void truncate(List<Integer> values, int size) {
        values.subList(size, values.size()).clear();
    }
}
