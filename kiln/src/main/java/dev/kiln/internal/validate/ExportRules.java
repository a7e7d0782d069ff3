package dev.kiln.internal.validate;

import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.Module;

/** Each export names an existing entity, and export names are unique within the module. */
final class ExportRules {

    private ExportRules() {}

    /** Checks one export; {@code seen} collects the names checked so far. */
    static void check(Export export, Module module, java.util.Set<String> seen) {
        int index = export.index();
        int count = switch (export.kind()) {
            case FUNCTION -> module.functionCount();
            case TABLE -> module.tableSpace().size();
            case MEMORY -> module.memorySpace().size();
            case GLOBAL -> module.globalSpace().size();
        };
        if (index < 0 || index >= count) {
            throw RuleViolation.unknown(export.kind().toString(), index);
        }
        if (!seen.add(export.name())) {
            throw new RuleViolation("duplicate export name");
        }
    }
}
