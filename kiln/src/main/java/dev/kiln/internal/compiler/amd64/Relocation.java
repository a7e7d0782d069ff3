package dev.kiln.internal.compiler.amd64;

/**
 * A {@code call rel32} to code outside the assembled buffer, left for whoever places the code to
 * patch: once the code sits at address {@code base}, write the little-endian 32-bit
 * {@link #displacement(long, long) displacement} at {@code offset}.
 *
 * @param offset the offset of the rel32 field in the finished code
 * @param target what the caller passed to {@link Assembler#callExternal(Object)}
 */
public record Relocation(int offset, Object target) {

    /**
     * The rel32 that makes the call reach {@code targetAddress} when the code starts at
     * {@code codeBase}: relative to the end of the field, which is the end of the call.
     *
     * @throws IllegalArgumentException if the target is more than 2 GiB away, out of rel32 reach
     *     (code that calls each other must be placed within one 2 GiB window)
     */
    public int displacement(long codeBase, long targetAddress) {
        long rel = targetAddress - (codeBase + offset + 4);
        if (rel != (int) rel) {
            throw new IllegalArgumentException("call to " + target + " at 0x" + Long.toHexString(targetAddress)
                    + " is out of rel32 reach from 0x" + Long.toHexString(codeBase + offset + 4));
        }
        return (int) rel;
    }
}
