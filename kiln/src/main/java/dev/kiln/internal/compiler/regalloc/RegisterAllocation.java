package dev.kiln.internal.compiler.regalloc;

/**
 * What {@link RegisterAllocator#allocate} did to a function.
 *
 * @param spillStores stores inserted (one after each def of a spilled register)
 * @param spillLoads reloads inserted (before uses in spill-slot parts, and on edges)
 * @param movesLeft {@code Move}s whose source and destination still differ (the others emit nothing)
 * @param calleeSavedWritten every callee-saved register (a {@code Reg.bit} mask) the allocated
 *     function writes, by a def or a clobber, fixed by the lowering or assigned: the registers its
 *     prologue must save and its epilogue restore
 */
public record RegisterAllocation(int spillStores, int spillLoads, int movesLeft, long calleeSavedWritten) {}
