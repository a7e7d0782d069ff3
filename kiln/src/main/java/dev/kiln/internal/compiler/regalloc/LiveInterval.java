package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.Reg;
import dev.kiln.internal.compiler.backend.RegClass;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Where one register is live, as sorted half-open ranges with holes between them, and where it
 * is read and written ("events", {@link Position#use} and {@link Position#def} positions).
 * Three kinds:
 *
 * <ul>
 *   <li>a virtual register's interval, which gets at most one physical register for a first part
 *       (positions before {@link #splitAt}) and lives in its spill slot after it;
 *   <li>a fixed interval: where the lowering put a value in a physical register, and where
 *       instructions clobber it;
 *   <li>a reload/store interval ("temp"): the register a spilled value occupies around one
 *       instruction after its split.
 * </ul>
 */
final class LiveInterval {

    static final int NOWHERE = Integer.MAX_VALUE;

    private static final int MAX_WEIGHT_DEPTH = 8;
    private static final int BACK_EDGES_WEIGHED = 16;

    enum Kind { VIRTUAL, FIXED, TEMP }

    /** By where they begin; the scan sorts and queues intervals this way. */
    static final Comparator<LiveInterval> BY_START = (a, b) -> Integer.compare(a.start, b.start);

    final int reg;
    final RegClass regClass;
    final Kind kind;
    private final int[] ranges;
    /**
     * {@code ranges[0]}, kept beside the other fields: sorting and queueing by it, a seventh of
     * the scan, read each interval's ranges from another cache line.
     */
    private final int start;
    private final int[] events;
    private final double[] costFrom;
    /** The scan's decisions: a preferred register, the register given, where the slot part begins, the slot. */
    int hint = -1;
    int assigned = -1;
    int splitAt = NOWHERE;
    int slot = -1;
    private int cursor;
    /** While inactive: {@link #nextLiveStart} when it became so, its place in the scan's queue. */
    int inactiveUntil;
    /** When it went into {@link LinearScan}'s inactive set: orders intervals with one {@link #inactiveUntil}. */
    long inactiveSince;
    private IntBuffer backEdges;

    /**
     * {@code ranges} holds from/to pairs in ascending order; {@code events} ascending positions,
     * each with its {@code weights} entry (10^loop depth).
     */
    LiveInterval(int reg, RegClass regClass, Kind kind, int[] ranges, int[] events, double[] weights) {
        this.reg = reg;
        this.regClass = regClass;
        this.kind = kind;
        this.ranges = ranges;
        this.start = ranges[0];
        this.events = events;
        this.costFrom = new double[events.length + 1];
        for (int i = events.length - 1; i >= 0; i--) {
            costFrom[i] = costFrom[i + 1] + weights[i];
        }
    }

    /** The interval for spilled register {@code parent} around instruction {@code k}. */
    static LiveInterval temp(LiveInterval parent, int k, boolean reads, boolean writes) {
        int from = reads ? Position.gap(k) : Position.def(k);
        int to = writes ? Position.gap(k + 1) : Position.def(k);
        LiveInterval temp = new LiveInterval(parent.reg, parent.regClass, Kind.TEMP, new int[] {from, to}, new int[0], new double[0]);
        temp.hint = parent.hint >= 0 && Reg.isPhysical(parent.hint) ? parent.hint : parent.assigned;
        return temp;
    }

    int start() {
        return start;
    }

    /** Where this interval stops holding its register. */
    int end() {
        return Math.min(ranges[ranges.length - 1], splitAt);
    }

    /** The instruction a temp belongs to. */
    int tempInstruction() {
        return Position.instruction(ranges[0]);
    }

    boolean tempReads() {
        return (ranges[0] & 3) == 0;
    }

    /** Whether the register part covers {@code position}; positions must not decrease between calls. */
    boolean covers(int position) {
        while (cursor < ranges.length && ranges[cursor + 1] <= position) {
            cursor += 2;
        }
        return cursor < ranges.length && ranges[cursor] <= position && position < splitAt;
    }

    /**
     * Where the register part is live next at or after {@code position}, the last position
     * {@link #covers} or {@link #firstIntersection} was asked about: the start of the range the
     * cursor is at, or {@link #NOWHERE} past the last range or the split.
     */
    int nextLiveStart() {
        return cursor < ranges.length && ranges[cursor] < splitAt ? ranges[cursor] : NOWHERE;
    }

    /** Whether the register is live at {@code position}, in its register part or not. */
    boolean liveAt(int position) {
        int i = firstRangeEndingAfter(position);
        return i < ranges.length && ranges[i] <= position;
    }

    /**
     * The first position where both this interval's register part and {@code other} are live, or
     * {@link #NOWHERE}. As for {@link #covers}, {@code other}'s start must not decrease between
     * calls (the scan's position), so the search for this interval's first range there resumes
     * where the last one stopped: constant time on average, where a binary search per call was
     * a fifth of a large module's compile.
     */
    int firstIntersection(LiveInterval other) {
        return firstIntersectionBefore(other, NOWHERE);
    }

    /**
     * {@link #firstIntersection}, if it lies before {@code limit}; else {@link #NOWHERE}, found
     * without walking the ranges past the limit.
     */
    int firstIntersectionBefore(LiveInterval other, int limit) {
        int position = other.start();
        while (cursor < ranges.length && ranges[cursor + 1] <= position) {
            cursor += 2;
        }
        int i = cursor;
        int j = 0;
        if (i < ranges.length && ranges[i] >= other.ranges[other.ranges.length - 1]) {
            return NOWHERE; // this one's next range starts after the other ends
        }
        while (i < ranges.length && j < other.ranges.length) {
            if (Math.max(ranges[i], other.ranges[j]) >= limit) {
                return NOWHERE; // every later overlap starts at or after both ranges' starts
            }
            if (ranges[i + 1] <= other.ranges[j]) {
                i += 2;
            } else if (other.ranges[j + 1] <= ranges[i]) {
                j += 2;
            } else {
                int at = Math.max(ranges[i], other.ranges[j]);
                return at < splitAt ? at : NOWHERE;
            }
        }
        return NOWHERE;
    }

    private int firstRangeEndingAfter(int position) {
        int lo = 0;
        int hi = ranges.length / 2;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ranges[2 * mid + 1] <= position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return 2 * lo;
    }

    /**
     * What ending the register part at {@code split} costs, in spill weight: a reload or store
     * for each event from there on, and a reload on each back edge that goes from the slot part
     * into the register part. Of the back edges (in order of their target) only the last
     * {@link #BACK_EDGES_WEIGHED} starting before the split count, which covers the loops
     * around it in any realistic nest and keeps the estimate constant-time.
     */
    double spillCost(int split) {
        double cost = costFrom[eventsBefore(split)];
        if (backEdges == null) {
            return cost;
        }
        int before = backEdgesStartingBefore(split);
        for (int edge = before - 1; edge >= 0 && edge >= before - BACK_EDGES_WEIGHED; edge--) {
            if (split <= backEdges.get(3 * edge + 1)) {
                cost += weight(backEdges.get(3 * edge + 2));
            }
        }
        return cost;
    }

    private int backEdgesStartingBefore(int position) {
        int lo = 0;
        int hi = backEdges.size() / 3;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (backEdges.get(3 * mid) < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * This register is live on an edge back from a block ending at {@code predEnd}, at loop depth
     * {@code depth}, to a block starting at {@code succStart}; edges come in order of their target.
     */
    void addBackEdge(int succStart, int predEnd, int depth) {
        if (backEdges == null) {
            backEdges = new IntBuffer();
        }
        backEdges.add(succStart);
        backEdges.add(predEnd);
        backEdges.add(depth);
    }

    /** The spill weight of one reload or store at {@code loopDepth}: 10^depth, capped so deep nests stay finite. */
    static double weight(int loopDepth) {
        return Math.pow(10, Math.min(loopDepth, MAX_WEIGHT_DEPTH));
    }

    /**
     * Where to end the register part so that it ends at or before {@code limit} and keeps every
     * event before it, as early as that allows (the register is free the soonest). An instruction
     * that reads and writes this register stays on one side: its use and def share a register.
     * The interval's start when no event can stay.
     */
    int splitBefore(int limit) {
        int kept = eventsBefore(limit);
        if (straddles(kept)) {
            kept--;
        }
        return kept == 0 ? start() : Position.after(events[kept - 1]);
    }

    /** Whether the register part can end at {@code position} with every later event in the spill slot. */
    boolean canSplitAt(int position) {
        return !straddles(eventsBefore(position));
    }

    private boolean straddles(int kept) {
        return kept > 0 && kept < events.length && Position.isUse(events[kept - 1])
                && events[kept] == events[kept - 1] + 1;
    }

    /** How many events are before {@code position} (events are distinct). */
    private int eventsBefore(int position) {
        int found = Arrays.binarySearch(events, position);
        return found >= 0 ? found : -found - 1;
    }

    /** The events at or after {@code position}, in order. */
    int[] eventsFrom(int position) {
        return Arrays.copyOfRange(events, eventsBefore(position), events.length);
    }

    @Override
    public String toString() {
        return kind + " " + Reg.name(reg) + " " + Arrays.toString(ranges);
    }
}
