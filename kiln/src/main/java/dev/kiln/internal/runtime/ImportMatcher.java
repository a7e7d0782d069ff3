package dev.kiln.internal.runtime;

import dev.kiln.LinkException;
import dev.kiln.internal.wasm.Import;
import dev.kiln.internal.wasm.Limits;

/**
 * Checks that what was found for an import fits what the module declares (the spec's import
 * subtyping): equal function types, equal global types, and for tables and memories equal
 * element types and limits that are at least as tight as declared.
 */
final class ImportMatcher {

    private ImportMatcher() {}

    /** Returns {@code found} when it matches {@code wanted}, else throws a {@link LinkException}. */
    static Object match(Import wanted, Object found, ModuleInstance importer) {
        String where = wanted.module() + "." + wanted.name();
        if (found == null) {
            throw new LinkException("unknown import: " + where + " (" + wanted.kind() + ") is not exported by any registered module");
        }
        switch (wanted.kind()) {
            case FUNCTION -> {
                if (!(found instanceof FunctionInstance f)) {
                    throw mismatch(where, "a function", found);
                }
                var type = importer.types[wanted.functionTypeIndex()];
                if (!f.type().equals(type)) {
                    throw new LinkException("incompatible import type: " + where + " must be " + type + " but is " + f.type());
                }
            }
            case TABLE -> {
                if (!(found instanceof TableInstance t)) {
                    throw mismatch(where, "a table", found);
                }
                if (t.elementType() != wanted.table().elementType()) {
                    throw new LinkException("incompatible import type: " + where + " must hold " + wanted.table().elementType()
                            + " but holds " + t.elementType());
                }
                checkLimits(where, wanted.table().limits(), t.size(), t.type().limits());
            }
            case MEMORY -> {
                if (!(found instanceof MemoryInstance m)) {
                    throw mismatch(where, "a memory", found);
                }
                checkLimits(where, wanted.memory().limits(), m.pages(), m.type().limits());
            }
            case GLOBAL -> {
                if (!(found instanceof GlobalInstance g)) {
                    throw mismatch(where, "a global", found);
                }
                if (!g.type().equals(wanted.global())) {
                    throw new LinkException("incompatible import type: " + where + " must be a global " + wanted.global()
                            + " but is " + g.type());
                }
            }
        }
        return found;
    }

    /** The found object's current size and declared maximum must lie within the wanted limits. */
    private static void checkLimits(String where, Limits wanted, long currentSize, Limits declared) {
        boolean fits = currentSize >= wanted.min()
                && (!wanted.hasMax() || (declared.hasMax() && declared.max() <= wanted.max()));
        if (!fits) {
            throw new LinkException("incompatible import type: " + where + " must have limits " + wanted
                    + " but has size " + currentSize + " and limits " + declared);
        }
    }

    private static LinkException mismatch(String where, String wanted, Object found) {
        String kind = switch (found) {
            case FunctionInstance f -> "a function";
            case TableInstance t -> "a table";
            case MemoryInstance m -> "a memory";
            default -> "a global";
        };
        return new LinkException("incompatible import type: " + where + " must be " + wanted + " but is " + kind);
    }
}
