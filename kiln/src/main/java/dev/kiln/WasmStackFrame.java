package dev.kiln;

/**
 * One frame of a WebAssembly stack trace.
 *
 * @param moduleName the instance's module name ({@code name} section or instance name), or {@code null}
 * @param functionIndex the function's index in its module
 * @param functionName the function's name from the {@code name} section, or {@code null}
 * @param byteOffset the byte offset of the executing instruction in the module binary, or -1
 */
public record WasmStackFrame(String moduleName, int functionIndex, String functionName, int byteOffset) {

    /** For example {@code app.fib (func 3) @0x1a2}. */
    @Override
    public String toString() {
        String module = moduleName == null ? "" : moduleName + ".";
        String function = functionName == null ? "$" + functionIndex : functionName + " (func " + functionIndex + ")";
        return module + function + (byteOffset >= 0 ? " @0x" + Integer.toHexString(byteOffset) : "");
    }
}
