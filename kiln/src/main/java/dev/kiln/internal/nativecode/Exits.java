package dev.kiln.internal.nativecode;

import static dev.kiln.internal.nativecode.ContextLayout.*;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;

/**
 * The sequences that leave native code for Java, shared by every stub and, later, by compiled
 * code's trap paths. An exit never calls Java: it puts the Java caller's registers back and
 * returns from the downcall that entered (or re-entered) native code with {@link #EXITED} in RAX
 * and the exit code in the context.
 *
 * <pre>
 *   exit with resume                           Java stack                 Wasm stack
 *     exitCode, RSP, RBP, resume  -> context   +--------------+           +-----------+
 *     RBX RBP R12..R15 <- context (Java's)     | return addr  | <- javaRsp | frames... |
 *     RSP <- javaRsp; RAX = EXITED; ret ----> | (downcall)   |            | (kept as  |
 *   resume:   (re-entry stub jumps here with   +--------------+            |  is)      |
 *     RAX = context, RSP/RBP as saved)                                     +-----------+
 * </pre>
 */
public final class Exits {

    /**
     * What every exit returns in RAX. A downcall returns RAX, which after a normal return is the
     * result of a register-form call ({@link EntryStubs}), so Java reads the context's exit code
     * only when RAX equals this value: an exit, or a result that happens to equal it (then the
     * exit code reads {@link ExitCode#RETURNED}, which Java puts back after serving every exit).
     */
    public static final long EXITED = 0x4B49_4C4E_4558_4954L; // "KILNEXIT"

    private Exits() {}

    /**
     * Exits with {@code code}, saving what the re-entry stub needs to resume right after this
     * sequence. The execution context must be in RAX; {@code scratch} is clobbered (the caller
     * has saved it). After the sequence, RAX holds the context again and RSP/RBP are as they
     * were (moved by the distance the stack moved, if it did).
     */
    public static void exitAndResume(Assembler a, ExitCode code, Gpr scratch) {
        Label resume = a.newLabel();
        a.mov(Width.W32, Mem.of(Gpr.RAX, EXIT_CODE), new Imm(code.code()));
        a.mov(Width.W64, Mem.of(Gpr.RAX, WASM_RSP), Gpr.RSP);
        a.mov(Width.W64, Mem.of(Gpr.RAX, WASM_RBP), Gpr.RBP);
        a.lea(scratch, resume);
        a.mov(Width.W64, Mem.of(Gpr.RAX, WASM_RESUME), scratch);
        returnToJava(a, Gpr.RAX);
        a.bind(resume);
    }

    /**
     * Exits with a trap: nothing resumes. {@code context} holds the execution context; it must
     * not be one of the registers this restores (RBX, RBP, R12..R15). R10 or R11 is clobbered.
     * The trap site goes where a resume address would, for the Wasm stack trace
     * ({@link NativeStackTrace}): the address just past this sequence's first instruction, so the
     * byte before it lies inside the trapping function, as it does for a return address.
     */
    public static void trap(Assembler a, Gpr context, ExitCode code) {
        Gpr scratch = trapScratch(context, code);
        Label site = a.newLabel();
        a.mov(Width.W32, Mem.of(context, EXIT_CODE), new Imm(code.code()));
        a.bind(site);
        a.lea(scratch, site);
        leaveTrapped(a, context, scratch);
    }

    /**
     * Exits with a trap, entered by a {@code call} from a stub of the trap's own: the return
     * address it pops (just past that stub's call) goes where a resume address would, so one
     * sequence per trap kind serves every site and each site still has an address of its own for
     * the stack trace. Same registers as {@link #trap}.
     */
    public static void trapFromCall(Assembler a, Gpr context, ExitCode code) {
        Gpr site = trapScratch(context, code);
        a.pop(site);
        a.mov(Width.W32, Mem.of(context, EXIT_CODE), new Imm(code.code()));
        leaveTrapped(a, context, site);
    }

    /** The register a trap sequence may use beside {@code context}, R11 or R10; {@code code} must be a trap's. */
    private static Gpr trapScratch(Gpr context, ExitCode code) {
        if (code.trap() == null) {
            throw new IllegalArgumentException(code + " is not a trap");
        }
        return context == Gpr.R11 ? Gpr.R10 : Gpr.R11;
    }

    /** The end of both trap sequences: RSP, RBP and the trap's address ({@code site}) saved, back to Java. */
    private static void leaveTrapped(Assembler a, Gpr context, Gpr site) {
        a.mov(Width.W64, Mem.of(context, WASM_RSP), Gpr.RSP);
        a.mov(Width.W64, Mem.of(context, WASM_RBP), Gpr.RBP);
        a.mov(Width.W64, Mem.of(context, WASM_RESUME), site);
        returnToJava(a, context);
    }

    /**
     * Puts back the Java caller's SysV callee-saved registers and RSP (saved by the entry or
     * re-entry stub) and returns to it with {@link #EXITED} in RAX; the exit code is already in
     * the context.
     */
    public static void returnToJava(Assembler a, Gpr context) {
        restoreJavaState(a, context);
        a.mov(Width.W64, Gpr.RAX, new Imm(EXITED));
        a.ret();
    }

    /**
     * Puts back what {@link #saveJavaState} saved, RSP last: after this sequence a {@code ret}
     * returns to the Java caller. {@code context} must not be one of the registers it restores.
     */
    public static void restoreJavaState(Assembler a, Gpr context) {
        switch (context) {
            case RBX, RBP, RSP, R12, R13, R14, R15 -> throw new IllegalArgumentException(
                    "the context cannot be in " + context + ", which this sequence restores");
            default -> { }
        }
        a.mov(Width.W64, Gpr.RBX, Mem.of(context, JAVA_RBX));
        a.mov(Width.W64, Gpr.RBP, Mem.of(context, JAVA_RBP));
        a.mov(Width.W64, Gpr.R12, Mem.of(context, JAVA_R12));
        a.mov(Width.W64, Gpr.R13, Mem.of(context, JAVA_R13));
        a.mov(Width.W64, Gpr.R14, Mem.of(context, JAVA_R14));
        a.mov(Width.W64, Gpr.R15, Mem.of(context, JAVA_R15));
        a.mov(Width.W64, Gpr.RSP, Mem.of(context, JAVA_RSP));
    }

    /** Saves the Java caller's SysV callee-saved registers and RSP; {@code context} is RDI. */
    public static void saveJavaState(Assembler a) {
        Gpr c = Gpr.RDI;
        a.mov(Width.W64, Mem.of(c, JAVA_RBX), Gpr.RBX);
        a.mov(Width.W64, Mem.of(c, JAVA_RBP), Gpr.RBP);
        a.mov(Width.W64, Mem.of(c, JAVA_R12), Gpr.R12);
        a.mov(Width.W64, Mem.of(c, JAVA_R13), Gpr.R13);
        a.mov(Width.W64, Mem.of(c, JAVA_R14), Gpr.R14);
        a.mov(Width.W64, Mem.of(c, JAVA_R15), Gpr.R15);
        a.mov(Width.W64, Mem.of(c, JAVA_RSP), Gpr.RSP);
    }
}
