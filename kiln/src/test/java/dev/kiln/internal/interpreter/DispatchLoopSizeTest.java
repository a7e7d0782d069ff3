package dev.kiln.internal.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import org.junit.jupiter.api.Test;

/**
 * HotSpot does not JIT-compile methods above 8000 bytes of bytecode (unless users pass
 * {@code -XX:-DontCompileHugeMethods}, which they will not): an interpreter loop over that
 * limit would run in HotSpot's own interpreter, many times slower. Keep a margin.
 */
class DispatchLoopSizeTest {

    private static final int HUGE_METHOD_LIMIT = 8000;

    @Test
    void dispatchLoopStaysCompilable() throws IOException {
        ClassModel model;
        try (InputStream in = Interpreter.class.getResourceAsStream("Interpreter.class")) {
            model = ClassFile.of().parse(in.readAllBytes());
        }
        MethodModel execute = model.methods().stream()
                .filter(m -> m.methodName().equalsString("execute"))
                .findFirst()
                .orElseThrow();
        int size = execute.findAttribute(java.lang.classfile.Attributes.code())
                .map(CodeAttribute::codeLength)
                .orElseThrow();
        assertTrue(size < HUGE_METHOD_LIMIT - 1000, "Interpreter.execute has " + size + " bytes of bytecode");
    }
}
