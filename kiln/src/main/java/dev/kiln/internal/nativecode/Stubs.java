package dev.kiln.internal.nativecode;

import dev.kiln.FunctionType;
import dev.kiln.internal.wasm.TypeIds;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-signature glue of one {@link CodeArena}, made on first use and kept as long as the
 * arena: entry stubs ({@link EntryStubs}) and a host-call trampoline
 * ({@link HostTrampolines}) per signature. Each lives in its own {@link CodeBlock}; everything
 * reaches them by absolute address, so where they land does not matter. The stubs that depend
 * on no signature are per JVM: {@link RuntimeStubs}.
 */
final class Stubs {

    private final CodeArena arena;
    private final ConcurrentHashMap<FunctionType, CallLayout> layouts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FunctionType, EntryStub> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FunctionType, Long> trampolines = new ConcurrentHashMap<>();

    Stubs(CodeArena arena) {
        this.arena = arena;
    }

    CallLayout layout(FunctionType type) {
        return layouts.computeIfAbsent(type, CallLayout::new);
    }

    /**
     * The number naming {@code type}, which host trampolines store at their exit: the type's one
     * id ({@link TypeIds}), so a trampoline can only pass the host check of a function of its
     * own signature, whichever arena it belongs to.
     */
    int signatureId(FunctionType type) {
        return TypeIds.of(type);
    }

    EntryStub entry(FunctionType type) {
        return entries.computeIfAbsent(type, t -> {
            CallLayout layout = layout(t);
            long slotForm = arena.install(EntryStubs.emitEntry(layout)).address(0);
            long registerForm = layout.registerForm
                    ? arena.install(EntryStubs.emitRegisterEntry(layout)).address(0) : 0;
            return new EntryStub(arena, layout, slotForm, registerForm);
        });
    }

    /** The address of the host-call trampoline of {@code type}. */
    long hostTrampoline(FunctionType type) {
        return trampolines.computeIfAbsent(type, t ->
                arena.install(HostTrampolines.emit(layout(t), signatureId(t))).address(0));
    }
}
