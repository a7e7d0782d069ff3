package dev.kiln.internal.runtime;

/**
 * The native record of a function that a table holds: what native code needs to call it
 * through {@code call_indirect} without asking Java.
 *
 * <pre>
 *   FunctionRecord (32 bytes, 8-aligned, in the defining instance's {@link InstanceArena})
 *   +0   code      u64   address native code calls, 0 while no engine has native code for it
 *   +8   context   u64   the callee's module context (RBX at the call), 0 for none
 *   +16  typeId    u32   {@link dev.kiln.internal.wasm.TypeIds} of its type: call_indirect's check
 *   +20  (pad)    u32
 *   +24  reference u64   the function's reference id in its store ({@link Store#referenceOf}),
 *                        written with code and context by the store's {@link RecordFiller}
 * </pre>
 *
 * Compiled code holds a {@code funcref} as its record's address; where it meets Java (a call's
 * arguments and results, an exit), the id at +24 turns it back into the reference every engine
 * and the API share.
 *
 * A table element is the record's address, or 0 for null, so {@code call_indirect} is: bounds
 * check against the table descriptor's length, load the element, trap on 0, compare the type
 * id, load code and context, call.
 */
public final class FunctionRecord {

    public static final long CODE = 0;
    public static final long CONTEXT = 8;
    public static final long TYPE_ID = 16;
    public static final long REFERENCE = 24;
    public static final long SIZE = 32;
    public static final long ALIGNMENT = 8;

    private FunctionRecord() {}
}
