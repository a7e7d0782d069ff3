package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Relocation;
import dev.kiln.internal.nativecode.SourceMap;
import java.util.List;

/**
 * Lays a module's functions out in one buffer, each 16-aligned, and patches every direct call
 * ({@code call rel32} to a {@link Call.Target}) with its distance to the callee. One buffer means
 * every call is within rel32 reach and needs no patching after the code is installed.
 */
public final class Linker {

    private static final int ALIGNMENT = 16;
    private static final byte INT3 = (byte) 0xcc;

    /**
     * The module's code.
     *
     * @param offsets where function {@code k} of the list given to {@link #link} starts
     * @param lengths how long it is (without padding)
     * @param sources its source map (offsets from its start)
     */
    public record Linked(byte[] code, int[] offsets, int[] lengths, SourceMap[] sources) {}

    /** Which function of the list a call's function index names; -1 if none. */
    public interface Callees {
        int position(int functionIndex);
    }

    private Linker() {}

    /** Links {@code functions}; a call to a function not among them is an error. */
    public static Linked link(List<Emitter.Code> functions, Callees callees) {
        int n = functions.size();
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        SourceMap[] sources = new SourceMap[n];
        long size = 0;
        for (int k = 0; k < n; k++) {
            size = (size + ALIGNMENT - 1) & -ALIGNMENT;
            offsets[k] = Math.toIntExact(size);
            lengths[k] = functions.get(k).bytes().length;
            sources[k] = functions.get(k).sources();
            size += lengths[k];
        }
        byte[] code = new byte[Math.toIntExact(size)];
        java.util.Arrays.fill(code, INT3);
        for (int k = 0; k < n; k++) {
            Emitter.Code f = functions.get(k);
            System.arraycopy(f.bytes(), 0, code, offsets[k], lengths[k]);
            for (Relocation r : f.relocations()) {
                if (!(r.target() instanceof Call.Target target)) {
                    throw new IllegalArgumentException("cannot link a call to " + r.target());
                }
                int callee = callees.position(target.functionIndex());
                if (callee < 0) {
                    throw new IllegalArgumentException("function " + target.functionIndex() + " is not in the module's code");
                }
                int site = offsets[k] + r.offset();
                int rel = offsets[callee] - (site + 4);
                code[site] = (byte) rel;
                code[site + 1] = (byte) (rel >>> 8);
                code[site + 2] = (byte) (rel >>> 16);
                code[site + 3] = (byte) (rel >>> 24);
            }
        }
        return new Linked(code, offsets, lengths, sources);
    }
}
