package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.Reg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@link LinearScan}'s inactive intervals (each in a hole of its life, its register held), kept
 * per physical register, each register's in order of where they are live again.
 *
 * <p>Per register because every question the scan asks is about one register: is it free until
 * the end of the interval being allocated, what would evicting its occupants cost, which of them
 * must go. A register's walk stops at the first occupant live again only after what the answer
 * so far allows (where the register is already known to be taken, the cost of a cheaper
 * register), where one set of all of them made every question walk every register's
 * occupants: a huge function holds thousands in a hole at once (ruby.wasm's biggest, 5,800),
 * and most of the allocator's time went to those walks.
 *
 * <p>Ties of "live again" are broken by when an interval went inactive, and the intervals due at
 * a position come out of {@link #takeDue} in that order across registers, as from one set: the
 * scan's decisions do not depend on how this is stored.
 */
final class InactiveIntervals {

    private static final Comparator<LiveInterval> ORDER =
            Comparator.comparingInt((LiveInterval i) -> i.inactiveUntil).thenComparingLong(i -> i.inactiveSince);

    @SuppressWarnings("unchecked")
    private final TreeSet<LiveInterval>[] byRegister = new TreeSet[Reg.PHYSICAL];
    /** Each register's first {@link LiveInterval#inactiveUntil}, {@link LiveInterval#NOWHERE} if it has none. */
    private final int[] firstUntil = new int[Reg.PHYSICAL];
    /** The least of {@link #firstUntil}: most steps of the scan have nothing due. */
    private int earliest = LiveInterval.NOWHERE;
    private long deactivations;

    InactiveIntervals() {
        Arrays.fill(firstUntil, LiveInterval.NOWHERE);
    }

    /** Adds {@code interval}, which holds its register and is live again at {@code until}. */
    void add(LiveInterval interval, int until) {
        interval.inactiveUntil = until;
        interval.inactiveSince = deactivations++;
        int reg = interval.assigned;
        if (byRegister[reg] == null) {
            byRegister[reg] = new TreeSet<>(ORDER);
        }
        byRegister[reg].add(interval);
        firstUntil[reg] = Math.min(firstUntil[reg], until);
        earliest = Math.min(earliest, until);
    }

    /**
     * Where {@code reg}'s first interval is live again, {@link LiveInterval#NOWHERE} if it has
     * none: a search that would stop there need not look at the register's intervals at all.
     */
    int firstUntil(int reg) {
        return firstUntil[reg];
    }

    /**
     * {@code reg}'s intervals in order of where they are live again, for reading only (removals
     * go through {@link #takeIntersecting}, which keeps {@link #firstUntil} right); call only
     * when {@link #firstUntil} is not {@link LiveInterval#NOWHERE}.
     */
    Iterable<LiveInterval> of(int reg) {
        return byRegister[reg];
    }

    /** Removes and returns, in order, every interval live again at or before {@code position}. */
    List<LiveInterval> takeDue(int position) {
        if (earliest > position) {
            return List.of();
        }
        List<LiveInterval> due = new ArrayList<>();
        for (int reg = 0; reg < Reg.PHYSICAL; reg++) {
            if (firstUntil[reg] <= position) {
                TreeSet<LiveInterval> set = byRegister[reg];
                while (!set.isEmpty() && set.first().inactiveUntil <= position) {
                    due.add(set.pollFirst());
                }
                settle(reg);
            }
        }
        due.sort(ORDER);
        return due;
    }

    /**
     * Removes and returns, in order, {@code reg}'s intervals live again before {@code current}
     * ends that intersect it.
     */
    List<LiveInterval> takeIntersecting(int reg, LiveInterval current) {
        TreeSet<LiveInterval> set = byRegister[reg];
        if (set == null) {
            return List.of();
        }
        List<LiveInterval> taken = new ArrayList<>();
        for (var it = set.iterator(); it.hasNext(); ) {
            LiveInterval interval = it.next();
            if (interval.inactiveUntil >= current.end()) {
                break;
            }
            if (interval.firstIntersection(current) != LiveInterval.NOWHERE) {
                it.remove();
                taken.add(interval);
            }
        }
        settle(reg);
        return taken;
    }

    private void settle(int reg) {
        TreeSet<LiveInterval> set = byRegister[reg];
        firstUntil[reg] = set.isEmpty() ? LiveInterval.NOWHERE : set.first().inactiveUntil;
        int least = LiveInterval.NOWHERE;
        for (int until : firstUntil) {
            least = Math.min(least, until);
        }
        earliest = least;
    }
}
