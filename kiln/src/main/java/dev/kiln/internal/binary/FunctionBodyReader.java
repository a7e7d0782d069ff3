package dev.kiln.internal.binary;

import static dev.kiln.internal.binary.ByteReader.malformed;

import dev.kiln.CompileException;
import dev.kiln.CompileException.Reason;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.InstructionSink;
import java.util.Arrays;

/**
 * Decodes one entry of the code section: {@code size locals expr}, bounded by its size field.
 *
 * <p>Locals are declared as run-length groups, so a few bytes can claim billions of them. Their
 * total is summed as unsigned 64-bit before anything is allocated: above 2^32-1 the module is
 * malformed, above {@link #MAX_LOCALS} it is over this implementation's limit.
 */
final class FunctionBodyReader {

    /** Most locals (after the parameters) one function may declare; the same as V8 and wasmtime. */
    static final int MAX_LOCALS = 50_000;

    /**
     * Most locals all functions of one module may declare together. Each local becomes an array
     * entry, so without this bound a small module of many functions with 50,000 locals each
     * would need gigabytes.
     */
    static final long MAX_MODULE_LOCALS = 1L << 24;

    /** Shared by all functions without locals (most small ones), never written to. */
    private static final ValueType[] NO_LOCALS = new ValueType[0];

    private long[] groupCounts = new long[8];
    private ValueType[] groupTypes = new ValueType[8];
    private long moduleLocals;

    /**
     * A body whose size and locals have been read, its instructions not yet.
     *
     * @param offset byte offset of the body's size field
     * @param start the first byte after the size field
     * @param code the first byte of the instructions
     * @param end the byte after the body
     */
    record Header(int offset, int start, ValueType[] locals, int code, int end) {}

    /**
     * Reads one body's size and locals and steps {@code in} past the body. The locals are read
     * here, in module order, so the module-wide limit on locals holds before any instruction is
     * decoded (instructions may then be decoded in any order, see {@link #body}).
     */
    Header header(ByteReader in) {
        int offset = in.position();
        int outer = in.enterRegion();
        int start = in.position();
        ValueType[] locals = locals(in, offset);
        int code = in.position();
        int end = in.limit();
        in.skip(end - code);
        in.leaveRegion(start, outer);
        return new Header(offset, start, locals, code, end);
    }

    /**
     * The body of {@code header} with its instructions left encoded: no object is made per
     * instruction ({@link FunctionBody#forEach} reads them from the module's bytes). Whether they
     * are well-formed is checked by {@link #check} or, for a module decoded with
     * {@link ModuleDecoder#decodeDeferringBodies}, as the validator reads them.
     */
    static FunctionBody body(byte[] module, Header header, boolean dataCountPresent) {
        return FunctionBody.encoded(header.offset(), header.locals(),
                new EncodedCode(module, header.start(), header.code(), header.end(), dataCountPresent));
    }

    /**
     * Checks that the instructions of an encoded body are well-formed and end exactly at its
     * final {@code end}, with {@code reader} (reused from body to body).
     */
    static void check(FunctionBody body, InstructionReader reader) {
        if (body.encodedCode() instanceof EncodedCode code) {
            code.read(reader, null);
        } else {
            body.forEach(NO_SINK);
        }
    }

    private static final InstructionSink NO_SINK = (op, offset, a, b, c, data) -> { };

    /**
     * Instructions read from the module binary when asked for: {@code module[code, end)}, the
     * body's size field ending at {@code start}.
     */
    private record EncodedCode(byte[] module, int start, int code, int end, boolean dataCountPresent)
            implements FunctionBody.Encoded {

        @Override
        public Instruction[] decode() {
            ByteReader in = new ByteReader(module, code, end);
            Instruction[] instructions = reader().expression(in);
            requireEnd(in);
            return instructions;
        }

        @Override
        public void forEach(InstructionSink sink) {
            read(reader(), sink);
        }

        void read(InstructionReader reader, InstructionSink sink) {
            reader.setDataCountPresent(dataCountPresent);
            ByteReader in = new ByteReader(module, code, end);
            reader.read(in, sink);
            requireEnd(in);
        }

        /** The body's final {@code end} must be its last byte. */
        private void requireEnd(ByteReader in) {
            if (!in.atLimit()) {
                throw malformed(start, "section size mismatch: " + in.remaining() + " bytes left unread");
            }
        }

        private static InstructionReader reader() {
            return new InstructionReader();
        }
    }

    /** {@code vec(count:u32 valtype)}, expanded to one entry per local. */
    private ValueType[] locals(ByteReader in, int bodyOffset) {
        int groups = in.length();
        if (groups > groupCounts.length) {
            groupCounts = new long[groups];
            groupTypes = new ValueType[groups];
        }
        long total = 0;
        for (int g = 0; g < groups; g++) {
            groupCounts[g] = in.u32();
            groupTypes[g] = TypeReader.valueType(in);
            total += groupCounts[g]; // at most 2^31 groups of at most 2^32-1: cannot overflow
        }
        checkLocalCount(total, bodyOffset);
        if (total == 0) {
            return NO_LOCALS;
        }
        ValueType[] locals = new ValueType[(int) total];
        int next = 0;
        for (int g = 0; g < groups; g++) {
            int n = (int) groupCounts[g];
            Arrays.fill(locals, next, next + n, groupTypes[g]);
            next += n;
        }
        return locals;
    }

    private void checkLocalCount(long total, int bodyOffset) {
        if (total > ByteReader.U32_MAX) {
            throw malformed(bodyOffset, "too many locals: " + total + " declared, at most 2^32-1 allowed");
        }
        if (total > MAX_LOCALS) {
            throw new CompileException(Reason.LIMIT, bodyOffset, "too many locals: " + total
                    + " declared, this implementation allows at most " + MAX_LOCALS + " per function");
        }
        moduleLocals += total;
        if (moduleLocals > MAX_MODULE_LOCALS) {
            throw new CompileException(Reason.LIMIT, bodyOffset, "too many locals in the module: more than "
                    + MAX_MODULE_LOCALS + " in all functions together (an implementation limit)");
        }
    }
}
