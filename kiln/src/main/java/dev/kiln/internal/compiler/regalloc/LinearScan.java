package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.Reg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Linear scan over live intervals with lifetime holes (Wimmer and Franz's active/inactive
 * sets), each virtual register split at most once into a register part and a spill-slot part:
 *
 * <pre>
 *   v:   def ---- use ---- use ·······[split]······ use ······ def ······ use
 *        |<----- register r ------>|  |<-- slot; a temp register around each use/def -->|
 * </pre>
 *
 * An interval takes a register free for its whole life (its move hint first, then
 * {@link AllocatableRegisters}' order). Otherwise it compares what each way out costs, in
 * events weighted by 10^loop depth: keeping a register for its first part and the slot after
 * (where the register is taken), or evicting the cheapest register's occupants from here on.
 * A register part ends right after the last event it must keep, so a value whose next use is
 * after a loop leaves its register before the loop. Temps (reload and store registers around
 * one instruction) cannot be spilled; they evict.
 */
final class LinearScan {

    private final MachineFunction function;
    private final LiveInterval[] intervals;
    private final PriorityQueue<LiveInterval> pendingTemps = new PriorityQueue<>(LiveInterval.BY_START);
    private final List<LiveInterval> temps = new ArrayList<>();
    private final List<LiveInterval> active = new ArrayList<>();
    /**
     * Intervals in a hole, per register, in order of where they are live again: a step of the
     * scan moves only those whose next range has begun, and the searches for what intersects the
     * interval being allocated stop at the first that is live again only after its end or after
     * what the search has found so far (a big function's long-lived values have thousands of
     * holes each, and most intervals are short).
     */
    private final InactiveIntervals inactive = new InactiveIntervals();
    private final int[] freeUntil = new int[Reg.PHYSICAL];
    private final double[] evictionCost = new double[Reg.PHYSICAL];
    private final boolean[] unevictable = new boolean[Reg.PHYSICAL];

    private LinearScan(MachineFunction function, LiveInterval[] intervals) {
        this.function = function;
        this.intervals = intervals;
    }

    /** Assigns registers, splits and slots in {@code intervals}; returns the temps it made. */
    static List<LiveInterval> run(MachineFunction function, LiveInterval[] intervals) {
        LinearScan scan = new LinearScan(function, intervals);
        scan.scan();
        return scan.temps;
    }

    private void scan() {
        List<LiveInterval> virtuals = new ArrayList<>();
        for (LiveInterval interval : intervals) {
            if (interval == null) {
                continue;
            }
            if (interval.kind == LiveInterval.Kind.FIXED) {
                deactivate(interval);
            } else {
                virtuals.add(interval);
            }
        }
        virtuals.sort(LiveInterval.BY_START);
        int next = 0;
        while (next < virtuals.size() || !pendingTemps.isEmpty()) {
            LiveInterval current = !pendingTemps.isEmpty()
                    && (next == virtuals.size() || pendingTemps.peek().start() <= virtuals.get(next).start())
                    ? pendingTemps.poll() : virtuals.get(next++);
            advanceTo(current.start());
            allocate(current);
        }
    }

    /** Retires intervals that ended and moves the rest between active and inactive at {@code position}. */
    private void advanceTo(int position) {
        for (int i = active.size() - 1; i >= 0; i--) {
            LiveInterval interval = active.get(i);
            if (interval.end() <= position) {
                removeAt(active, i);
            } else if (!interval.covers(position)) {
                removeAt(active, i);
                deactivate(interval);
            }
        }
        for (LiveInterval interval : inactive.takeDue(position)) {
            if (interval.end() <= position) {
                continue;
            }
            if (interval.covers(position)) {
                active.add(interval);
            } else {
                deactivate(interval);
            }
        }
    }

    /** Queues {@code interval}, which does not cover the scan's position, until its next range. */
    private void deactivate(LiveInterval interval) {
        int until = interval.nextLiveStart();
        if (until != LiveInterval.NOWHERE) {
            inactive.add(interval, until);
        }
    }

    private void allocate(LiveInterval current) {
        computeFreeUntil(current);
        int free = whollyFreeRegister(current);
        if (free >= 0) {
            assign(current, free);
            return;
        }
        if (current.kind == LiveInterval.Kind.TEMP) {
            int victim = cheapestEviction(current, Double.POSITIVE_INFINITY);
            if (victim < 0) {
                throw new IllegalStateException(function.name() + ": no " + current.regClass
                        + " register left for a reload or store of " + Reg.name(current.reg) + " at instruction "
                        + current.tempInstruction() + " (too many fixed registers there)");
            }
            evict(victim, current);
            return;
        }
        int partial = longestFreeRegister(current);
        int split = partial >= 0 ? current.splitBefore(freeUntil[partial]) : current.start();
        int victim = cheapestEviction(current, current.spillCost(split));
        if (victim >= 0) {
            evict(victim, current);
        } else if (split > current.start()) {
            assign(current, partial);
            spill(current, split);
        } else {
            spill(current, current.start());
        }
    }

    /** For each register of the class, the first position from {@code current}'s start where it is taken. */
    private void computeFreeUntil(LiveInterval current) {
        Arrays.fill(freeUntil, 0);
        for (int reg : AllocatableRegisters.of(current.regClass)) {
            freeUntil[reg] = LiveInterval.NOWHERE;
        }
        for (LiveInterval interval : active) {
            freeUntil[interval.assigned] = 0;
        }
        for (int reg : AllocatableRegisters.of(current.regClass)) {
            if (inactive.firstUntil(reg) >= Math.min(freeUntil[reg], current.end())) {
                continue;
            }
            for (LiveInterval interval : inactive.of(reg)) {
                // An interval meets current no earlier than where it is live again: from here on
                // none can take the register sooner than known, or before current ends.
                if (freeUntil[reg] <= current.start() || interval.inactiveUntil >= Math.min(freeUntil[reg], current.end())) {
                    break;
                }
                freeUntil[reg] = Math.min(freeUntil[reg], interval.firstIntersectionBefore(current, freeUntil[reg]));
            }
        }
    }

    private int whollyFreeRegister(LiveInterval current) {
        int hint = hintedRegister(current);
        if (hint >= 0 && freeUntil[hint] >= current.end()) {
            return hint;
        }
        for (int reg : AllocatableRegisters.of(current.regClass)) {
            if (freeUntil[reg] >= current.end()) {
                return reg;
            }
        }
        return -1;
    }

    /** The physical register {@code current}'s hint names, if it has one of the same class yet. */
    private int hintedRegister(LiveInterval current) {
        int hint = current.hint;
        if (hint >= 0 && Reg.isVirtual(hint)) {
            hint = intervals[hint] == null ? -1 : intervals[hint].assigned;
        }
        boolean usable = hint >= 0 && (AllocatableRegisters.ALL & Reg.bit(hint)) != 0
                && Reg.physicalClass(hint) == current.regClass;
        return usable ? hint : -1;
    }

    private int longestFreeRegister(LiveInterval current) {
        int best = -1;
        for (int reg : AllocatableRegisters.of(current.regClass)) {
            if (freeUntil[reg] > current.start() && (best < 0 || freeUntil[reg] > freeUntil[best])) {
                best = reg;
            }
        }
        return best;
    }

    /**
     * The register whose occupants over {@code current}'s life cost least to spill from its start
     * on, if that is below {@code bound}; -1 when none is (each holds a fixed value, a temp, a
     * value that cannot be split there, or costs as much). Ties go to the register first in
     * {@link AllocatableRegisters}' order. A register's occupants stop being weighed once they
     * cost as much as the bound or the cheapest register so far, so only the cheapest are weighed
     * in full.
     */
    private int cheapestEviction(LiveInterval current, double bound) {
        Arrays.fill(evictionCost, 0);
        Arrays.fill(unevictable, false);
        int position = current.start();
        for (LiveInterval interval : active) {
            if (interval.regClass == current.regClass) {
                weigh(interval, position);
            }
        }
        int best = -1;
        for (int reg : AllocatableRegisters.of(current.regClass)) {
            double limit = best < 0 ? bound : Math.min(bound, evictionCost[best]);
            if (weighInactive(reg, current, limit)) {
                best = reg;
            }
        }
        return best;
    }

    /** Adds {@code reg}'s inactive occupants meeting {@code current} to its cost; whether it stays evictable and below {@code limit}. */
    private boolean weighInactive(int reg, LiveInterval current, double limit) {
        if (inactive.firstUntil(reg) >= current.end()) {
            return !unevictable[reg] && evictionCost[reg] < limit;
        }
        for (LiveInterval interval : inactive.of(reg)) {
            if (unevictable[reg] || evictionCost[reg] >= limit || interval.inactiveUntil >= current.end()) {
                break;
            }
            if (interval.firstIntersection(current) != LiveInterval.NOWHERE) {
                weigh(interval, current.start());
            }
        }
        return !unevictable[reg] && evictionCost[reg] < limit;
    }

    private void weigh(LiveInterval occupant, int position) {
        int reg = occupant.assigned;
        if (occupant.kind != LiveInterval.Kind.VIRTUAL || !occupant.canSplitAt(position)) {
            unevictable[reg] = true;
        } else {
            evictionCost[reg] += occupant.spillCost(occupant.splitBefore(position));
        }
    }

    /** Spills from here on whatever holds {@code reg} during {@code current}'s life, and gives it to {@code current}. */
    private void evict(int reg, LiveInterval current) {
        int position = current.start();
        for (int i = active.size() - 1; i >= 0; i--) {
            LiveInterval interval = active.get(i);
            if (interval.assigned == reg) {
                removeAt(active, i);
                spill(interval, interval.splitBefore(position));
            }
        }
        for (LiveInterval interval : inactive.takeIntersecting(reg, current)) {
            spill(interval, interval.splitBefore(position));
        }
        assign(current, reg);
    }

    /**
     * Moves {@code interval}'s events from {@code split} on (up to an earlier split) into its spill
     * slot: each instruction there gets a temp, allocated when the scan reaches it.
     */
    private void spill(LiveInterval interval, int split) {
        int[] events = interval.eventsFrom(split);
        int previousSplit = interval.splitAt;
        interval.splitAt = split;
        if (split <= interval.start()) {
            interval.assigned = -1;
        }
        if (interval.slot < 0) {
            interval.slot = function.newSpillSlot();
        }
        for (int i = 0; i < events.length && events[i] < previousSplit; ) {
            int k = Position.instruction(events[i]);
            boolean reads = events[i] == Position.use(k);
            boolean writes = !reads || (i + 1 < events.length && events[i + 1] == Position.def(k));
            i += reads && writes ? 2 : 1;
            LiveInterval temp = LiveInterval.temp(interval, k, reads, writes);
            pendingTemps.add(temp);
            temps.add(temp);
        }
    }

    private void assign(LiveInterval interval, int reg) {
        interval.assigned = reg;
        active.add(interval);
    }

    private static void removeAt(List<LiveInterval> list, int i) {
        int last = list.size() - 1;
        list.set(i, list.get(last));
        list.remove(last);
    }
}
