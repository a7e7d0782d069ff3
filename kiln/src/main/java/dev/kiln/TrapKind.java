package dev.kiln;

/** Why WebAssembly execution trapped. Each kind carries the spec's wording of the trap. */
public enum TrapKind {
    /** An {@code unreachable} instruction ran. */
    UNREACHABLE("unreachable"),
    /** A load, store or bulk memory operation touched bytes outside the memory. */
    MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
    /** A table access or bulk table operation touched elements outside the table. */
    TABLE_OUT_OF_BOUNDS("out of bounds table access"),
    /** Signed division overflowed ({@code INT_MIN / -1}) or a truncation did not fit. */
    INTEGER_OVERFLOW("integer overflow"),
    /** Integer division or remainder by zero. */
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    /** A float-to-integer truncation of NaN. */
    INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    /** {@code call_indirect} found a function of another type. */
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    /** {@code call_indirect} indexed past the end of the table. */
    UNDEFINED_ELEMENT("undefined element"),
    /** {@code call_indirect} found a null reference. */
    UNINITIALIZED_ELEMENT("uninitialized element"),
    /** The call stack exceeded its configured limit. */
    STACK_OVERFLOW("call stack exhausted"),
    /**
     * {@link Instance#interrupt()} or a call timeout stopped the call. Not a WebAssembly trap:
     * the module did nothing wrong, and the instance stays usable.
     */
    INTERRUPTED("interrupted");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    /** The spec interpreter's message for this trap, for example "integer divide by zero". */
    public String message() {
        return message;
    }
}
