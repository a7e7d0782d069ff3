package dev.kiln.internal.nativecode;

import dev.kiln.TrapKind;

/**
 * Why native code handed control back to Java: the value native code stores in the execution
 * context's {@code exitCode} field at every exit (returning {@link Exits#EXITED} in RAX to the
 * downcall). It reads RETURNED while native code runs: Java puts that back after every exit.
 *
 * <pre>
 *   code   meaning                              Java's answer
 *   0      RETURNED      the entered function   the results: in RAX (register form)
 *                        returned               or in the slot array
 *   1      HOST_CALL     a host-call trampoline call the host function, write its results,
 *                        exited; exitDetail = id    re-enter
 *   2      GROW_STACK    a prologue found the     move the stack to a larger one, re-enter;
 *                        stack short              past the ceiling: STACK_OVERFLOW trap
 *   3..11  TRAP_*        a trap                   TrapException of that kind; never re-enter
 *   64     MEMORY_GROW   names a call_exit        (compiled code calls it as a host function)
 *   65     TABLE_GROW    names a call_exit        (the same)
 *   66     TERMINATION_CHECK  compiled code found INTERRUPTED trap; the flag is lowered
 *                        the interrupt flag raised
 *   67..78 MEMORY_FILL ... FUNCREF_TO_ID          name the compiler's other call_exits
 *                                                 (bulk memory and table instructions,
 *                                                 table.set, segment drops, ref.func, funcref
 *                                                 conversions); see docs/compiler.md, "Exits"
 * </pre>
 *
 * <p>64, 65 and 67..78 never reach the dispatch loop: the frontend writes them into its IR as
 * {@code call_exit}s (the execution and module contexts first, then index immediates as
 * {@code i32} constants, then the instruction's operands), and the backend calls each exit as a
 * host function of the code arena through the host-call trampoline of its signature, so Java
 * sees a HOST_CALL and the engine's host function checks the operands as the interpreter's
 * runtime does. The codes name the exits in the IR and pick their host functions.
 */
public enum ExitCode {
    RETURNED(0, null),
    HOST_CALL(1, null),
    GROW_STACK(2, null),
    TRAP_UNREACHABLE(3, TrapKind.UNREACHABLE),
    TRAP_MEMORY_OUT_OF_BOUNDS(4, TrapKind.MEMORY_OUT_OF_BOUNDS),
    TRAP_TABLE_OUT_OF_BOUNDS(5, TrapKind.TABLE_OUT_OF_BOUNDS),
    TRAP_INTEGER_OVERFLOW(6, TrapKind.INTEGER_OVERFLOW),
    TRAP_INTEGER_DIVIDE_BY_ZERO(7, TrapKind.INTEGER_DIVIDE_BY_ZERO),
    TRAP_INVALID_CONVERSION_TO_INTEGER(8, TrapKind.INVALID_CONVERSION_TO_INTEGER),
    TRAP_INDIRECT_CALL_TYPE_MISMATCH(9, TrapKind.INDIRECT_CALL_TYPE_MISMATCH),
    TRAP_UNDEFINED_ELEMENT(10, TrapKind.UNDEFINED_ELEMENT),
    TRAP_UNINITIALIZED_ELEMENT(11, TrapKind.UNINITIALIZED_ELEMENT),
    /** {@code memory.grow}: (memory, delta pages) to the old size in pages, or -1. */
    MEMORY_GROW(64, null),
    /** {@code table.grow}: (table, reference, delta) to the old size, or -1. */
    TABLE_GROW(65, null),
    /** Reserved for the compiler issue (interrupts and deadlines); not emitted yet. */
    TERMINATION_CHECK(66, null),
    /** {@code memory.fill}: (memory, destination, value, length); traps when out of bounds. */
    MEMORY_FILL(67, null),
    /** {@code memory.copy}: (destination memory, source memory, destination, source, length). */
    MEMORY_COPY(68, null),
    /** {@code memory.init}: (data segment, memory, destination, source, length). */
    MEMORY_INIT(69, null),
    /** {@code data.drop}: (data segment). */
    DATA_DROP(70, null),
    /** {@code table.set}: (table, index, reference); keeps the Java and native elements in step. */
    TABLE_SET(71, null),
    /** {@code table.fill}: (table, start, reference, length). */
    TABLE_FILL(72, null),
    /** {@code table.copy}: (destination table, source table, destination, source, length). */
    TABLE_COPY(73, null),
    /** {@code table.init}: (element segment, table, destination, source, length). */
    TABLE_INIT(74, null),
    /** {@code elem.drop}: (element segment). */
    ELEM_DROP(75, null),
    /** {@code ref.func}: (function index) to the function's record address, made on first use. */
    REF_FUNC(76, null),
    /** A {@code funcref} global's slot (the store's reference id) to the function's record address. */
    FUNCREF_FROM_ID(77, null),
    /** A function's record address to its reference id, for a {@code funcref} global's slot. */
    FUNCREF_TO_ID(78, null);

    private static final ExitCode[] BY_CODE = new ExitCode[128];

    static {
        for (ExitCode c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;
    private final TrapKind trap;

    ExitCode(int code, TrapKind trap) {
        this.code = code;
        this.trap = trap;
    }

    /** The number native code stores. */
    public int code() {
        return code;
    }

    /** The trap this code raises, or {@code null} when it is not a trap. */
    public TrapKind trap() {
        return trap;
    }

    /** The exit code whose number is {@code code}, or {@code null} for an unknown number. */
    public static ExitCode of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * The exit code that raises {@code kind}. None raises {@link TrapKind#STACK_OVERFLOW} or
     * {@link TrapKind#INTERRUPTED}: Java raises those, answering GROW_STACK and
     * TERMINATION_CHECK.
     */
    public static ExitCode forTrap(TrapKind kind) {
        for (ExitCode c : values()) {
            if (c.trap == kind) {
                return c;
            }
        }
        throw new IllegalArgumentException("no exit code raises " + kind + "; Java raises it itself");
    }
}
