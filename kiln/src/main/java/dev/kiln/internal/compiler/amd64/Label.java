package dev.kiln.internal.compiler.amd64;

/**
 * A position in the code of one {@link Assembler}, created by {@link Assembler#newLabel()} and
 * fixed by {@link Assembler#bind(Label)}. Branches, calls and RIP-relative operands may refer to it
 * before or after it is bound.
 *
 * <p>While code is being emitted a bound label remembers where it sits in the assembler's buffer
 * of fixed-size code and how many relaxable items (branches, alignment) come before it; its final
 * offset is known only once {@link Assembler#finish()} has chosen the size of each branch.
 */
public final class Label {

    final Assembler owner;
    private final String name;

    /** Position in the buffer of fixed-size code, or -1 while unbound. */
    int bufferPosition = -1;
    /** The number of relaxable sites emitted before the label was bound. */
    int sitesBefore;
    /** The offset in the finished code, or -1 before {@link Assembler#finish()}. */
    int offset = -1;

    Label(Assembler owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public boolean isBound() {
        return bufferPosition >= 0;
    }

    /**
     * The label's offset in the finished code.
     *
     * @throws IllegalStateException before {@link Assembler#finish()}, when branch sizes (and so
     *     offsets) are not yet known, or if the label was never bound
     */
    public int offset() {
        if (offset < 0) {
            throw new IllegalStateException("label " + name + (isBound()
                    ? " has no final offset until the assembler is finished"
                    : " is not bound"));
        }
        return offset;
    }

    @Override
    public String toString() {
        return name;
    }
}
