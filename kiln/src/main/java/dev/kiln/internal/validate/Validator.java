package dev.kiln.internal.validate;

import dev.kiln.CompileException;
import dev.kiln.FunctionType;
import dev.kiln.internal.concurrent.IndexedWork;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.Import;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.NameSection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a decoded module against the WebAssembly 2.0 rules.
 *
 * <p>Checks run in roughly the order of the spec interpreter: section counts, imports, function
 * types, tables, memories, globals, element and data segments, function bodies, start, exports.
 * The first violation is thrown as a {@link CompileException} whose message says where
 * ({@code function 3 (name): type mismatch at instruction i32.add}) and whose offset is the
 * offending instruction's byte offset when there is one.
 */
public final class Validator {

    private final Module module;

    private Validator(Module module) {
        this.module = module;
    }

    /**
     * Validates {@code module}.
     *
     * @return what validation learned about each defined function
     * @throws CompileException with {@link CompileException.Reason#INVALID} (or
     *     {@link CompileException.Reason#MALFORMED} for the few binary-format rules that concern
     *     whole sections, such as the function and code sections having different lengths)
     */
    public static FunctionFacts validate(Module module) {
        return new Validator(module).run();
    }

    private FunctionFacts run() {
        checkSectionCounts();
        checkImports();
        checkFunctionTypes();
        checkTablesAndMemories();
        ModuleContext context = new ModuleContext(module, DeclaredFunctions.of(module));
        checkInitializers(context);
        FunctionFacts facts = checkBodies(context);
        checkStart(context);
        checkExports();
        return facts;
    }

    /** Section lengths that must agree; the binary format calls these malformed. */
    private void checkSectionCounts() {
        if (module.code().size() != module.functionTypeIndices().length) {
            throw new CompileException(CompileException.Reason.MALFORMED, -1,
                    "function and code section have inconsistent lengths");
        }
        if (module.dataCount() != Module.ABSENT && module.dataCount() != module.data().size()) {
            throw new CompileException(CompileException.Reason.MALFORMED, -1,
                    "data count and data section have inconsistent lengths");
        }
    }

    private void checkImports() {
        List<Import> imports = module.imports();
        for (int i = 0; i < imports.size(); i++) {
            Import imported = imports.get(i);
            try {
                switch (imported.kind()) {
                    case FUNCTION -> requireType(imported.functionTypeIndex());
                    case TABLE -> LimitRules.checkTable(imported.table());
                    case MEMORY -> LimitRules.checkMemory(imported.memory());
                    case GLOBAL -> {
                    }
                }
            } catch (RuleViolation violation) {
                throw located("import " + i + " (" + imported.module() + "." + imported.name() + ")", violation);
            }
        }
    }

    private void checkFunctionTypes() {
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            try {
                requireType(module.functionTypeIndex(f));
            } catch (RuleViolation violation) {
                throw located(functionName(f), violation);
            }
        }
    }

    /** Limits of the defined ones (imports were checked with the imports); one memory in 2.0. */
    private void checkTablesAndMemories() {
        int importedTables = module.tableSpace().size() - module.tables().size();
        for (int t = 0; t < module.tables().size(); t++) {
            try {
                LimitRules.checkTable(module.tables().get(t));
            } catch (RuleViolation violation) {
                throw located("table " + (importedTables + t), violation);
            }
        }
        int importedMemories = module.memorySpace().size() - module.memories().size();
        for (int m = 0; m < module.memories().size(); m++) {
            try {
                LimitRules.checkMemory(module.memories().get(m));
            } catch (RuleViolation violation) {
                throw located("memory " + (importedMemories + m), violation);
            }
        }
        if (module.memorySpace().size() > 1) {
            throw located("memory 1", new RuleViolation("multiple memories are not allowed"));
        }
    }

    private void checkInitializers(ModuleContext context) {
        InitializerRules rules = new InitializerRules(context);
        int importedGlobals = module.importedGlobalCount();
        for (int g = 0; g < module.globals().size(); g++) {
            try {
                rules.checkGlobal(module.globals().get(g));
            } catch (RuleViolation violation) {
                throw located("global " + (importedGlobals + g), violation);
            }
        }
        for (int e = 0; e < module.elements().size(); e++) {
            try {
                rules.checkElement(module.elements().get(e));
            } catch (RuleViolation violation) {
                throw located("element segment " + e, violation);
            }
        }
        for (int d = 0; d < module.data().size(); d++) {
            try {
                rules.checkData(module.data().get(d));
            } catch (RuleViolation violation) {
                throw located("data segment " + d, violation);
            }
        }
    }

    /**
     * Bodies are independent of each other once the module context is known, so they are
     * validated in parallel, one {@link FunctionValidator} per chunk of functions; the violation
     * reported is still the one in the lowest-numbered function.
     */
    private FunctionFacts checkBodies(ModuleContext context) {
        List<FunctionBody> code = module.code();
        int[] maxStack = new int[code.size()];
        int[] maxDepth = new int[code.size()];
        int first = module.importedFunctionCount();
        IndexedWork.forEach(code.size(), from -> {
            FunctionValidator bodies = new FunctionValidator(context);
            return i -> {
                try {
                    bodies.validate(module.functionTypeIndex(first + i), code.get(i));
                } catch (RuleViolation violation) {
                    throw located(functionName(first + i), violation, code.get(i).offset());
                }
                maxStack[i] = bodies.maxStackHeight();
                maxDepth[i] = bodies.maxControlDepth();
            };
        });
        return new FunctionFacts(maxStack, maxDepth);
    }

    /** The start function must exist and take and return nothing. */
    private void checkStart(ModuleContext context) {
        int start = module.startFunction();
        if (start == Module.ABSENT) {
            return;
        }
        try {
            FunctionType type = module.types().get(context.requireFunction(start));
            if (!type.params().isEmpty() || !type.results().isEmpty()) {
                throw new RuleViolation("start function must have type [] -> []");
            }
        } catch (RuleViolation violation) {
            throw located("start section", violation);
        }
    }

    private void checkExports() {
        Set<String> seen = new HashSet<>();
        for (Export export : module.exports()) {
            try {
                ExportRules.check(export, module, seen);
            } catch (RuleViolation violation) {
                throw located("export \"" + export.name() + "\"", violation);
            }
        }
    }

    private void requireType(int index) {
        if (index < 0 || index >= module.types().size()) {
            throw RuleViolation.unknown("type", index);
        }
    }

    /** {@code function 3} or {@code function 3 (name)} when the name section names it. */
    private String functionName(int index) {
        NameSection names = module.names();
        String name = names == null ? null : names.functionNames().get(index);
        return name == null ? "function " + index : "function " + index + " (" + name + ")";
    }

    private CompileException located(String where, RuleViolation violation) {
        return located(where, violation, -1);
    }

    /**
     * The exception for a violation found in {@code where}: at its instruction if it has one,
     * else at {@code fallbackOffset} (or at no offset when that is -1).
     */
    private static CompileException located(String where, RuleViolation violation, long fallbackOffset) {
        Instruction at = violation.instruction();
        String message = where + ": " + violation.phrase();
        if (at == null) {
            return new CompileException(violation.reason(), fallbackOffset, message);
        }
        return new CompileException(violation.reason(), at.offset(),
                message + " at instruction " + at.op().mnemonic());
    }
}
