package dev.kiln;

import java.util.List;

/**
 * WebAssembly execution trapped. The Wasm frames that were active are abandoned; the
 * {@link Instance} stays usable.
 */
public class TrapException extends KilnException {

    private final TrapKind kind;
    private final transient List<WasmStackFrame> wasmStackTrace;

    /**
     * @param kind why execution trapped
     * @param wasmStackTrace the active WebAssembly frames, innermost first
     */
    public TrapException(TrapKind kind, List<WasmStackFrame> wasmStackTrace) {
        super(kind.message());
        this.kind = kind;
        this.wasmStackTrace = List.copyOf(wasmStackTrace);
    }

    /** Why execution trapped. */
    public TrapKind kind() {
        return kind;
    }

    /** The WebAssembly frames that were active, innermost first. */
    public List<WasmStackFrame> wasmStackTrace() {
        return wasmStackTrace;
    }

    /** The message, then one {@code \tat <frame>} line per WebAssembly frame. */
    public String describe() {
        StringBuilder b = new StringBuilder("wasm trap: ").append(getMessage());
        for (WasmStackFrame frame : wasmStackTrace) {
            b.append(System.lineSeparator()).append("\tat ").append(frame);
        }
        return b.toString();
    }
}
