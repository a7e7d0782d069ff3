package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Width;

/**
 * {@code store [base + index + displacement], src}: the low {@code width} bits of a general
 * register, or an f32/f64 from an XMM register. Uses: the address registers, then {@code src}.
 */
public final class Store extends MachineInstruction {

    private final Width width;
    private final boolean isFloat;
    private final Address address;

    Store(Width width, boolean isFloat, Address address, int[] addressRegs, int src) {
        super(append(addressRegs, src), new int[0]);
        this.width = width;
        this.isFloat = isFloat;
        this.address = address;
    }

    @Override
    public void emit(Emission e) {
        var to = address.operand(this, 0);
        int src = use(useCount() - 1);
        if (!isFloat) {
            e.assembler().mov(width, to, Reg.gpr(src));
        } else if (width == Width.W32) {
            e.assembler().movss(to, Reg.xmm(src));
        } else {
            e.assembler().movsd(to, Reg.xmm(src));
        }
    }

    @Override
    protected String mnemonic() {
        return "store." + (isFloat ? "f" : "i") + width.bits();
    }

    @Override
    protected String details() {
        return address.text();
    }
}
