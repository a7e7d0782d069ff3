package dev.kiln.internal.compiler.ssa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written functions in {@code ssa/roundtrip/*.ssa} (free spacing, comments, numbers
 * written unusually) parse, verify, and print as the golden {@code .ssa.expected} beside them;
 * the printed text parses and prints back to itself.
 */
class RoundTripTest {

    private static List<Path> inputs() throws IOException {
        try (Stream<Path> files = Files.list(Golden.DIRECTORY.resolve("ssa/roundtrip"))) {
            return files.filter(p -> p.toString().endsWith(".ssa")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> roundTrips() throws IOException {
        return inputs().stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
            String name = "ssa/roundtrip/" + input.getFileName();
            Function f = Parser.parse(Golden.read(name));
            assertEquals(List.of(), Verifier.verify(f), name + " is valid IR");
            String printed = Printer.print(f);
            Golden.check(name + ".expected", printed);
            assertEquals(printed, Printer.print(Parser.parse(printed)));
        }));
    }

    /** The corpus is what shows the format covers the IR, so it must use every opcode. */
    @Test
    void theCorpusUsesEveryOpcode() throws IOException {
        Set<Opcode> unused = EnumSet.allOf(Opcode.class);
        for (Path input : inputs()) {
            Function f = Parser.parse(Files.readString(input));
            for (Block b : f.blocks()) {
                for (Instruction i = b.first(); i != null; i = i.next()) {
                    unused.remove(i.opcode());
                }
            }
        }
        assertTrue(unused.isEmpty(), "no round-trip text uses " + unused);
    }
}
