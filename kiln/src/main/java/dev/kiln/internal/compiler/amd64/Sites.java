package dev.kiln.internal.compiler.amd64;

import java.util.Arrays;

/**
 * The relaxable items of the code: branches to labels, whose size (rel8 or rel32) depends on the
 * layout, and alignment padding, whose size depends on where it lands. They are kept out of the
 * {@link CodeBuffer}; each remembers the buffer position it sits at, and {@link #relax()} chooses
 * the sizes before {@link #write} interleaves them with the buffer's bytes.
 *
 * <p>Relaxation starts with every branch short, lays the code out, lengthens the branches whose
 * target is out of reach in that layout, and repeats until no branch grows. Branches only ever
 * grow, so this terminates, and the last layout is the one every short branch was checked
 * against. A lengthened branch can push another out of reach, which the next round catches: that
 * is the chain the tests exercise. Without alignment, distances only grow from one layout to the
 * next, so no branch is ever long that could have been short; padding can shrink as branches
 * grow, so with alignment a branch may (rarely) stay long that would now reach.
 *
 * <p>After relaxation, {@code shift[k]} is the total size of the first {@code k} sites: an item at
 * buffer position {@code p} with {@code k} sites before it lands at offset {@code p + shift[k]}.
 */
final class Sites {

    static final int JMP = 0;
    static final int JCC = 1;
    static final int ALIGN = 2;

    private int[] position = new int[16];
    private int[] kind = new int[16];
    /** The condition code of a JCC, the alignment of an ALIGN. */
    private int[] argument = new int[16];
    private Label[] target = new Label[16];
    private int[] size = new int[16];
    private int count;
    private int[] shift = new int[1];

    int count() {
        return count;
    }

    Label target(int i) {
        return target[i];
    }

    int size(int i) {
        return size[i];
    }

    void addBranch(int bufferPosition, int branchKind, int cc, Label label) {
        add(bufferPosition, branchKind, cc, label, 2);
    }

    /** A {@code jmp rel32} that stays long whatever the layout (a jump table's fixed-size entry). */
    void addLongJump(int bufferPosition, Label label) {
        add(bufferPosition, JMP, 0, label, Jmp.LONG_SIZE);
    }

    void addAlign(int bufferPosition, int alignment) {
        add(bufferPosition, ALIGN, alignment, null, 0);
    }

    private void add(int bufferPosition, int k, int arg, Label label, int initialSize) {
        if (count == position.length) {
            int n = count * 2;
            position = Arrays.copyOf(position, n);
            kind = Arrays.copyOf(kind, n);
            argument = Arrays.copyOf(argument, n);
            target = Arrays.copyOf(target, n);
            size = Arrays.copyOf(size, n);
        }
        position[count] = bufferPosition;
        kind[count] = k;
        argument[count] = arg;
        target[count] = label;
        size[count] = initialSize;
        count++;
    }

    /** Chooses every site's size; afterwards {@link #finalOffset} is valid. */
    void relax() {
        shift = new int[count + 1];
        layOut();
        while (lengthenBranchesOutOfReach()) {
            layOut();
        }
    }

    /**
     * Computes {@code shift} from the current branch sizes, and the padding of each alignment from
     * where it lands (which depends only on what comes before it, so one forward pass is exact).
     */
    private void layOut() {
        int running = 0;
        for (int i = 0; i < count; i++) {
            shift[i] = running;
            if (kind[i] == ALIGN) {
                size[i] = -(position[i] + running) & (argument[i] - 1);
            }
            running += size[i];
        }
        shift[count] = running;
    }

    /**
     * Lengthens every short branch whose target is out of rel8 reach in the current layout. All
     * distances are measured in one consistent layout: mixing sizes from before and after a
     * lengthening could make a forward distance look negative and lengthen a branch for nothing.
     */
    private boolean lengthenBranchesOutOfReach() {
        boolean grew = false;
        for (int i = 0; i < count; i++) {
            if (kind[i] != ALIGN && size[i] == 2) {
                int end = position[i] + shift[i] + 2;
                int rel = finalOffset(target[i].bufferPosition, target[i].sitesBefore) - end;
                if (rel != (byte) rel) {
                    size[i] = kind[i] == JMP ? Jmp.LONG_SIZE : Jcc.LONG_SIZE;
                    grew = true;
                }
            }
        }
        return grew;
    }

    /** The offset in the finished code of buffer position {@code p} with {@code sitesBefore} sites before it. */
    int finalOffset(int p, int sitesBefore) {
        return p + shift[sitesBefore];
    }

    /** The offset in the finished code of site {@code i}. */
    int siteOffset(int i) {
        return position[i] + shift[i];
    }

    /** How many sites sit at or before buffer position {@code p}, by binary search. */
    int sitesAtOrBefore(int p) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (position[mid] <= p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The finished code: the buffer's bytes with every site written in its place. */
    byte[] write(byte[] buffer, int bufferSize) {
        byte[] out = new byte[bufferSize + shift[count]];
        int from = 0;
        int to = 0;
        for (int i = 0; i < count; i++) {
            int n = position[i] - from;
            System.arraycopy(buffer, from, out, to, n);
            from += n;
            to += n;
            switch (kind[i]) {
                case JMP -> Jmp.write(out, to, size[i], target[i].offset);
                case JCC -> Jcc.write(out, to, size[i], argument[i], target[i].offset);
                default -> Nop.fill(out, to, size[i]);
            }
            to += size[i];
        }
        System.arraycopy(buffer, from, out, to, bufferSize - from);
        return out;
    }

    static void put32(byte[] out, int at, int v) {
        out[at] = (byte) v;
        out[at + 1] = (byte) (v >>> 8);
        out[at + 2] = (byte) (v >>> 16);
        out[at + 3] = (byte) (v >>> 24);
    }
}
