package dev.kiln.internal.compiler.ssa;

import dev.kiln.internal.nativecode.ExitCode;
import java.util.Set;

/**
 * What each {@code call_exit} takes and gives: the execution context, the module context, then
 * the exit's own values (docs/compiler.md, "Exits"). The verifier checks every {@code call_exit}
 * against these; the backend calls the exit's host-call trampoline with this signature.
 */
public final class ExitSignatures {

    private ExitSignatures() {}

    /** The exits compiled code may call. */
    public static Set<ExitCode> exits() {
        return java.util.Collections.unmodifiableSet(TypeRules.exitSignatures().keySet());
    }

    /** The signature of {@code exit}'s {@code call_exit}, contexts first. */
    public static Signature of(ExitCode exit) {
        Signature signature = TypeRules.exitSignatures().get(exit);
        if (signature == null) {
            throw new IllegalArgumentException(exit + " is not an exit compiled code calls");
        }
        return signature;
    }
}
