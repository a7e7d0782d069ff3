package dev.kiln.internal.wasm;

import dev.kiln.ValueType;
import java.util.Objects;

/**
 * The code of a defined function: its locals and its instructions, ending with the function's
 * final {@code end}.
 *
 * <p>A body is held either as {@link Instruction} objects (built by tools and tests) or, as the
 * decoder makes it, as its already well-formed bytes in the module binary ({@link Encoded}). An
 * encoded body is read without allocating per instruction ({@link #forEach}), which is all
 * validation needs; {@link #code()} decodes it into objects on demand (an engine lowering the
 * function on its first call) and does not keep them, so a big module whose functions are
 * validated but never run holds no instruction objects at all.
 */
public final class FunctionBody {

    /**
     * The instructions of a body kept as bytes, read by the decoder that made it. Both methods
     * see the same instructions. They fail, with a {@code MALFORMED} {@link dev.kiln.CompileException},
     * only if the bytes are not well-formed, which the decoder has already excluded unless it was
     * asked to leave that check to the first full read (see
     * {@code ModuleDecoder.decodeDeferringBodies}).
     */
    public interface Encoded {

        /** The instructions as objects, freshly decoded. */
        Instruction[] decode();

        /** Passes every instruction to {@code sink}, in order. */
        void forEach(InstructionSink sink);
    }

    private final int offset;
    private final ValueType[] locals;
    private final Instruction[] code;
    private final Encoded encoded;

    /**
     * A body of decoded instructions.
     *
     * @param offset byte offset of the body (its size field) in the module binary
     * @param locals the declared locals after the parameters, one entry per local
     * @param code the instructions, ending with the function's final {@code end}
     */
    public FunctionBody(int offset, ValueType[] locals, Instruction[] code) {
        this.offset = offset;
        this.locals = Objects.requireNonNull(locals, "locals");
        this.code = Objects.requireNonNull(code, "code");
        this.encoded = null;
    }

    private FunctionBody(int offset, ValueType[] locals, Encoded encoded) {
        this.offset = offset;
        this.locals = Objects.requireNonNull(locals, "locals");
        this.code = null;
        this.encoded = Objects.requireNonNull(encoded, "encoded");
    }

    /** A body whose instructions stay encoded until asked for. */
    public static FunctionBody encoded(int offset, ValueType[] locals, Encoded encoded) {
        return new FunctionBody(offset, locals, encoded);
    }

    /** Byte offset of the body (its size field) in the module binary. */
    public int offset() {
        return offset;
    }

    /** The declared locals after the parameters, one entry per local. */
    public ValueType[] locals() {
        return locals;
    }

    /**
     * The instructions, ending with the function's final {@code end}. For an encoded body each
     * call decodes them anew: callers that need them more than once keep the array.
     */
    public Instruction[] code() {
        return code != null ? code : encoded.decode();
    }

    /** The encoded instructions, or {@code null} for a body built of {@link Instruction} objects. */
    public Encoded encodedCode() {
        return encoded;
    }

    /** Passes every instruction to {@code sink}, in order, allocating nothing per instruction. */
    public void forEach(InstructionSink sink) {
        if (code == null) {
            encoded.forEach(sink);
            return;
        }
        for (Instruction i : code) {
            sink.instruction(i.op(), i.offset(), i.a(), i.b(), i.c(), i.data());
        }
    }
}
