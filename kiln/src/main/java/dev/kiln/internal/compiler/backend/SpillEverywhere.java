package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Xmm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simplest correct register allocation: every virtual register lives in a spill slot of its
 * own, and each instruction reloads its virtual uses into R12..R15 or XMM12..XMM15 (which the
 * lowering never fixes) and stores its virtual defs back. The compiler engine's allocator until
 * the register allocator lands; tests of the lowering and the emitter use it because it cannot
 * hide their mistakes behind its own.
 */
public final class SpillEverywhere {

    private static final int[] INT_SCRATCH = {Reg.of(Gpr.R12), Reg.of(Gpr.R13), Reg.of(Gpr.R14), Reg.of(Gpr.R15)};
    private static final int[] FLOAT_SCRATCH = {Reg.of(Xmm.XMM12), Reg.of(Xmm.XMM13), Reg.of(Xmm.XMM14), Reg.of(Xmm.XMM15)};

    private SpillEverywhere() {}

    /** Allocates {@code f} in place. */
    public static void allocate(MachineFunction f) {
        Map<Integer, Integer> slots = new HashMap<>();
        for (MachineBlock block : f.blocks()) {
            List<MachineInstruction> out = new ArrayList<>();
            for (MachineInstruction i : block.instructions()) {
                Map<Integer, Integer> scratch = new HashMap<>();
                for (int u = 0; u < i.useCount(); u++) {
                    int v = i.use(u);
                    if (Reg.isVirtual(v)) {
                        int r = scratch.computeIfAbsent(v, k -> next(scratch, f, i, k));
                        i.setUse(u, r);
                    }
                }
                for (var e : scratch.entrySet()) {
                    out.add(new SpillLoad(f.regClass(e.getKey()), e.getValue(), slot(slots, f, e.getKey())));
                }
                Map<Integer, Integer> defined = new HashMap<>();
                for (int d = 0; d < i.defCount(); d++) {
                    int v = i.def(d);
                    if (Reg.isVirtual(v)) {
                        int r = scratch.containsKey(v) ? scratch.get(v) : next(scratch, f, i, v);
                        scratch.put(v, r);
                        defined.put(v, r);
                        i.setDef(d, r);
                    }
                }
                out.add(i);
                for (var e : defined.entrySet()) {
                    out.add(new SpillStore(f.regClass(e.getKey()), slot(slots, f, e.getKey()), e.getValue()));
                }
            }
            block.instructions().clear();
            block.instructions().addAll(out);
        }
    }

    private static int next(Map<Integer, Integer> taken, MachineFunction f, MachineInstruction i, int v) {
        RegClass cls = f.regClass(v);
        int[] pool = cls == RegClass.INT ? INT_SCRATCH : FLOAT_SCRATCH;
        for (int r : pool) {
            if (!taken.containsValue(r)) {
                return r;
            }
        }
        throw new IllegalStateException(f.name() + ": " + i + " needs more than " + pool.length + " " + cls + " registers");
    }

    private static int slot(Map<Integer, Integer> slots, MachineFunction f, int v) {
        return slots.computeIfAbsent(v, k -> f.newSpillSlot());
    }
}
