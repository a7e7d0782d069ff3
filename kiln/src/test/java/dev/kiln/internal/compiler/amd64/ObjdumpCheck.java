package dev.kiln.internal.compiler.amd64;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Checks instructions against objdump in one batch: emits them all into one assembler, runs
 * objdump once on the result, and requires that objdump decodes an instruction at each expected
 * offset, with the expected length, to exactly the model's own Intel text (whitespace collapsed).
 */
final class ObjdumpCheck {

    /** How many instruction forms objdump has confirmed in this JVM, for the summary line. */
    static final AtomicInteger CONFIRMED = new AtomicInteger();

    private ObjdumpCheck() {
    }

    /**
     * Generates instructions with the memory operands of {@link Operands#memories} (whose
     * RIP-relative ones refer to labels at the start and end of the code), checks them all and
     * returns how many were checked.
     */
    static int check(Function<List<Mem>, List<Instruction>> generator) {
        Assembler asm = Assembler.withListing();
        Label start = asm.newLabel("start");
        Label end = asm.newLabel("end");
        List<Instruction> instructions = generator.apply(Operands.memories(start, end));
        asm.bind(start);
        for (Instruction i : instructions) {
            asm.emit(i);
        }
        asm.bind(end);
        return check(asm);
    }

    /**
     * Finishes {@code asm} (made withListing) and checks every line of it against objdump, except
     * {@link Data}, which is not code (it should come last, or objdump loses step).
     */
    static int check(Assembler asm) {
        byte[] code = asm.finish();
        List<Assembler.Line> lines = asm.lines();
        assertTrue(!lines.isEmpty(), "nothing to check");
        Map<Integer, Objdump.Decoded> decoded = new HashMap<>();
        for (Objdump.Decoded d : Objdump.disassemble(code)) {
            decoded.put(d.offset(), d);
        }
        StringBuilder errors = new StringBuilder();
        int failures = 0;
        HexFormat hex = HexFormat.ofDelimiter(" ");
        int checked = 0;
        for (Assembler.Line line : lines) {
            if (line.instruction() instanceof Data) {
                continue;
            }
            checked++;
            String expected = Objdump.normalize(line.text());
            Objdump.Decoded d = decoded.get(line.offset());
            if (d == null || d.length() != line.length() || !d.text().equals(expected)) {
                if (++failures <= 25) {
                    errors.append(String.format("  at 0x%x %s: model says %-40s [%d bytes: %s]%n  %s objdump says %s%n",
                            line.offset(), line.instruction(), "'" + expected + "'", line.length(),
                            hex.formatHex(code, line.offset(), line.offset() + line.length()), " ".repeat(8),
                            d == null ? "nothing at this offset" : "'" + d.text() + "' [" + d.length() + " bytes]"));
                }
            }
        }
        if (failures > 0) {
            fail(failures + " of " + lines.size() + " instructions disagree with objdump:\n" + errors);
        }
        CONFIRMED.addAndGet(checked);
        return checked;
    }
}
