package dev.kiln.internal.spectest;

import dev.kiln.FunctionType;
import dev.kiln.Runtime;
import dev.kiln.ValueType;
import java.util.List;

/**
 * The {@code spectest} module the scripts import from: print functions (which print nothing),
 * four immutable globals holding 666, a funcref table of 10..20 and a memory of 1..2 pages.
 */
final class SpectestHostModule {

    private SpectestHostModule() {}

    static void register(Runtime runtime) {
        var m = runtime.hostModule("spectest");
        printer(m, "print");
        printer(m, "print_i32", ValueType.I32);
        printer(m, "print_i64", ValueType.I64);
        printer(m, "print_f32", ValueType.F32);
        printer(m, "print_f64", ValueType.F64);
        printer(m, "print_i32_f32", ValueType.I32, ValueType.F32);
        printer(m, "print_f64_f64", ValueType.F64, ValueType.F64);
        m.global("global_i32", ValueType.I32, false, 666)
                .global("global_i64", ValueType.I64, false, 666)
                .global("global_f32", ValueType.F32, false, Float.floatToRawIntBits(666.6f))
                .global("global_f64", ValueType.F64, false, Double.doubleToRawLongBits(666.6))
                .table("table", ValueType.FUNCREF, 10, 20)
                .memory("memory", 1, 2)
                .instantiate();
    }

    private static void printer(dev.kiln.HostModuleBuilder m, String name, ValueType... params) {
        m.function(name, FunctionType.of(List.of(params), List.of()), (caller, stack) -> { });
    }
}
