package dev.kiln.internal.compiler.ssa;

/**
 * The shape of an {@link Opcode}: which operands, immediates and targets its instructions have,
 * and so how the text format writes them. Typing within a shape is per opcode ({@link TypeRules}).
 *
 * <pre>
 *   form           text after the results                     operands        immediate
 *   ICONST         iconst -7                                  -               the value
 *   FCONST         fconst 1.5 | inf | nan:0x7fc00000          -               the bits
 *   UNARY          clz v1                                     x               -
 *   BINARY         iadd v1, v2                                x, y            -
 *   SELECT         select v1, v2, v3                          cond, x, y      -
 *   ICMP, FCMP     icmp.lt_s v1, v2                           x, y            condition
 *   LOAD           uload8 [v1+16]                             address         offset
 *   STORE          istore8 [v1+16], v2                        address, value  offset
 *   MEMORY         memory_base mem0, v1                       context         memory index
 *   GLOBAL_GET     global_get g3, v1                          context         global index
 *   GLOBAL_SET     global_set g3, v1, v2                      context, value  global index
 *   CALL           call fn4(v0, v1, v2)                       arguments       function index
 *   CALL_INDIRECT  call_indirect v7(v0, v8, v2)               address, args   -
 *   CALL_EXIT      call_exit memory_grow(v0, v2)              context, args   exit code
 *   TRAPIF         trapif integer_divide_by_zero, v5          cond            trap kind
 *   JUMP           jump b1(v2)                                -               -
 *   BRIF           brif v3, b1(v2), b2()                      cond            -
 *   BR_TABLE       br_table v3, b9(v1), [b1(v1), b2(v1)]      index           -
 *   RETURN         return v1, v2                              values          -
 *   TRAP           trap unreachable                           -               trap kind
 * </pre>
 */
public enum Form {
    ICONST, FCONST, UNARY, BINARY, SELECT, ICMP, FCMP, LOAD, STORE, MEMORY, GLOBAL_GET, GLOBAL_SET,
    CALL, CALL_INDIRECT, CALL_EXIT, TRAPIF, JUMP, BRIF, BR_TABLE, RETURN, TRAP;

    /** Whether instructions of this form end a block (and only they may). */
    public boolean isTerminator() {
        return switch (this) {
            case JUMP, BRIF, BR_TABLE, RETURN, TRAP -> true;
            default -> false;
        };
    }

    /** How many operands the form has, or -1 when it takes a list (calls, {@code return}). */
    public int operands() {
        return switch (this) {
            case ICONST, FCONST, JUMP, TRAP -> 0;
            case UNARY, LOAD, MEMORY, GLOBAL_GET, TRAPIF, BRIF, BR_TABLE -> 1;
            case BINARY, ICMP, FCMP, STORE, GLOBAL_SET -> 2;
            case SELECT -> 3;
            case CALL, CALL_INDIRECT, CALL_EXIT, RETURN -> -1;
        };
    }

    /** How many results the form has, or -1 when it has any number (calls). */
    public int results() {
        return switch (this) {
            case CALL, CALL_INDIRECT, CALL_EXIT -> -1;
            case STORE, GLOBAL_SET, TRAPIF, JUMP, BRIF, BR_TABLE, RETURN, TRAP -> 0;
            default -> 1;
        };
    }
}
