package dev.kiln.internal.wasm;

import dev.kiln.FunctionType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one identity of a function type: equal types get the same positive {@code int}, unequal
 * ones different ones, for every runtime, engine and native stub in the JVM. A
 * {@code call_indirect} signature check is then one integer compare on both engines (the
 * compiler emits it as an immediate), and a host-call trampoline names its signature with it.
 *
 * <p>Ids are never reused. The table holds one entry per distinct type ever seen, which stays
 * small in practice (types are structural: every module that declares {@code (i32) -> i32}
 * shares one entry).
 */
public final class TypeIds {

    private static final ConcurrentHashMap<FunctionType, Integer> IDS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private TypeIds() {}

    /** The id of {@code type}. */
    public static int of(FunctionType type) {
        Integer id = IDS.get(type);
        return id != null ? id : IDS.computeIfAbsent(type, t -> NEXT.getAndIncrement());
    }
}
