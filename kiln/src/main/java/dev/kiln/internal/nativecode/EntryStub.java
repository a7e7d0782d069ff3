package dev.kiln.internal.nativecode;

import dev.kiln.FunctionType;

/**
 * What Java needs to call native functions of one signature: where the values go
 * ({@link CallLayout}) and the addresses of the signature's entry stubs ({@link EntryStubs}): the
 * slot form, and the register form when the signature has one. Get one from
 * {@link CodeArena#entryStub}; keep it, since finding it again costs a hash lookup of the
 * signature.
 */
public final class EntryStub {

    /** The arena the stub's code belongs to: only its contexts may call the stub. */
    final CodeArena arena;
    final CallLayout layout;
    /** The slot-form stub: values through the slot array. */
    final long code;
    /** The register-form stub ({@link CallLayout#registerForm}), or 0 when the signature has none. */
    final long registerCode;

    EntryStub(CodeArena arena, CallLayout layout, long code, long registerCode) {
        this.arena = arena;
        this.layout = layout;
        this.code = code;
        this.registerCode = registerCode;
    }

    /** The signature this stub calls. */
    public FunctionType type() {
        return layout.type;
    }

    /**
     * Whether functions of this signature can be called by {@link ExecutionContext#callRegisters}
     * (see {@link CodeArena#function}): at most four parameters and one result, none of them v128.
     */
    public boolean hasRegisterForm() {
        return registerCode != 0;
    }
}
