package dev.kiln.internal.spectest;

import dev.kiln.CompileException;
import dev.kiln.CompiledModule;
import dev.kiln.Instance;
import dev.kiln.LinkException;
import dev.kiln.ModuleConfig;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one wast2json script: its commands in order, in a fresh {@link Runtime} that holds only
 * the {@code spectest} module, keeping the current module and the named ones.
 *
 * <p>Every {@code assert_*} command counts as passed, failed or skipped. A {@code module},
 * {@code register} or {@code action} command counts only when it fails, since the assertions
 * after it depend on it.
 */
final class ScriptRunner {

    private final Path script;
    private final String name;
    private final RuntimeConfig config;
    private final Exclusions exclusions;
    private final ScriptResult result;
    private final Map<String, Instance> named = new HashMap<>();
    private Instance current;

    ScriptRunner(Path script, String name, RuntimeConfig config, Exclusions exclusions) {
        this.script = script;
        this.name = name;
        this.config = config;
        this.exclusions = exclusions;
        this.result = new ScriptResult(name);
    }

    @SuppressWarnings("unchecked")
    ScriptResult run() throws IOException {
        var json = (Map<String, Object>) Json.parse(Files.readString(script));
        var commands = (List<Map<String, Object>>) json.get("commands");
        String scriptSkip = exclusions.scriptReason(name);
        if (scriptSkip != null) {
            result.skip((int) commands.stream().filter(ScriptRunner::isAssertion).count(), scriptSkip);
            return result;
        }
        try (Runtime runtime = Runtime.create(config)) {
            SpectestHostModule.register(runtime);
            for (var command : commands) {
                runCommand(runtime, command);
            }
        }
        return result;
    }

    private void runCommand(Runtime runtime, Map<String, Object> command) {
        String type = (String) command.get("type");
        int line = ((Long) command.get("line")).intValue();
        String skip = exclusions.commandReason(name, line, "text".equals(command.get("module_type")));
        if (skip != null) {
            if (isAssertion(command)) {
                result.skip(1, skip);
            }
            return;
        }
        try {
            String failure = switch (type) {
                case "module" -> module(runtime, command);
                case "register" -> register(runtime, command);
                case "action" -> action(command);
                case "assert_return" -> assertReturn(command);
                case "assert_trap" -> assertTrap(command, null);
                case "assert_exhaustion" -> assertTrap(command, TrapKind.STACK_OVERFLOW);
                case "assert_invalid" -> assertRejected(runtime, command, CompileException.Reason.INVALID);
                case "assert_malformed" -> assertRejected(runtime, command, CompileException.Reason.MALFORMED);
                case "assert_unlinkable" -> assertUnlinkable(runtime, command);
                case "assert_uninstantiable" -> assertUninstantiable(runtime, command);
                default -> "unknown command type " + type;
            };
            record(type, line, failure);
        } catch (RuntimeException | StackOverflowError e) {
            record(type, line, "unexpected " + e);
        }
    }

    private void record(String type, int line, String failure) {
        if (failure != null) {
            result.fail(line, type + ": " + failure);
        } else if (type.startsWith("assert_")) {
            result.pass();
        }
    }

    private String module(Runtime runtime, Map<String, Object> command) {
        current = null;
        Instance instance = runtime.instantiate(compile(runtime, command));
        current = instance;
        if (command.get("name") != null) {
            named.put((String) command.get("name"), instance);
        }
        return null;
    }

    private String register(Runtime runtime, Map<String, Object> command) {
        Instance instance = instanceFor((String) command.get("name"));
        if (instance == null) {
            return "no module to register";
        }
        runtime.register((String) command.get("as"), instance);
        return null;
    }

    @SuppressWarnings("unchecked")
    private String action(Map<String, Object> command) {
        invoke((Map<String, Object>) command.get("action"));
        return null;
    }

    @SuppressWarnings("unchecked")
    private String assertReturn(Map<String, Object> command) {
        long[] actual = invoke((Map<String, Object>) command.get("action"));
        var expected = (List<Map<String, Object>>) command.get("expected");
        int slots = expected.stream().mapToInt(SpecValue::slots).sum();
        if (actual.length != slots) {
            return "expected " + slots + " result slots, got " + actual.length;
        }
        int at = 0;
        for (var value : expected) {
            String mismatch = SpecValue.mismatch(value, actual, at);
            if (mismatch != null) {
                return describe(command) + ": " + mismatch;
            }
            at += SpecValue.slots(value);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private String assertTrap(Map<String, Object> command, TrapKind wantedKind) {
        TrapKind wanted = wantedKind != null ? wantedKind : trapKind((String) command.get("text"));
        try {
            invoke((Map<String, Object>) command.get("action"));
            return describe(command) + ": expected trap '" + command.get("text") + "', but it returned";
        } catch (TrapException e) {
            return e.kind() == wanted ? null
                    : describe(command) + ": expected trap '" + command.get("text") + "', got '" + e.getMessage() + "'";
        }
    }

    /** A module must be rejected for the right reason; an invalid one with the spec's phrase too. */
    private String assertRejected(Runtime runtime, Map<String, Object> command, CompileException.Reason reason) {
        try {
            compile(runtime, command);
            return "expected the module to be rejected as " + reason + " (" + command.get("text") + "), but it compiled";
        } catch (CompileException e) {
            String text = (String) command.get("text");
            boolean phraseMatters = reason == CompileException.Reason.INVALID;
            return e.reason() == reason && (!phraseMatters || e.getMessage().contains(text)) ? null
                    : "expected " + reason + " (" + text + "), got " + e.reason() + ": " + e.getMessage();
        }
    }

    /** 1.0 scripts expect "does not fit" segments to fail linking; 2.0 traps instead, which is accepted. */
    private String assertUnlinkable(Runtime runtime, Map<String, Object> command) {
        CompiledModule module = compile(runtime, command);
        String text = (String) command.get("text");
        try {
            runtime.instantiate(module, ModuleConfig.anonymous());
            return "expected a link error (" + text + "), but it instantiated";
        } catch (LinkException e) {
            return null;
        } catch (TrapException e) {
            return text.endsWith("does not fit") ? null : "expected a link error (" + text + "), got trap " + e.getMessage();
        }
    }

    private String assertUninstantiable(Runtime runtime, Map<String, Object> command) {
        CompiledModule module = compile(runtime, command);
        try {
            runtime.instantiate(module, ModuleConfig.anonymous());
            return "expected instantiation to trap (" + command.get("text") + "), but it instantiated";
        } catch (TrapException e) {
            return null;
        }
    }

    private CompiledModule compile(Runtime runtime, Map<String, Object> command) {
        Path file = script.resolveSibling((String) command.get("filename"));
        return runtime.compile(file);
    }

    @SuppressWarnings("unchecked")
    private long[] invoke(Map<String, Object> action) {
        Instance instance = instanceFor((String) action.get("module"));
        if (instance == null) {
            throw new IllegalStateException("no module instantiated for the action");
        }
        String field = (String) action.get("field");
        if ("get".equals(action.get("type"))) {
            var global = instance.global(field);
            return global.type() == dev.kiln.ValueType.V128 ? new long[] {global.get(), global.getHigh()}
                    : new long[] {global.get()};
        }
        var args = (List<Map<String, Object>>) action.get("args");
        long[] slots = new long[args.stream().mapToInt(SpecValue::slots).sum()];
        int at = 0;
        for (var arg : args) {
            at += SpecValue.toSlots(arg, slots, at);
        }
        return instance.function(field).call(slots);
    }

    private Instance instanceFor(String moduleName) {
        return moduleName == null ? current : named.get(moduleName);
    }

    /** The kind named by a script's trap text; 1.0 scripts abbreviate some ("undefined", "indirect call"). */
    private static TrapKind trapKind(String text) {
        for (TrapKind kind : TrapKind.values()) {
            if (text.startsWith(kind.message()) || kind.message().startsWith(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown trap message '" + text + "'");
    }

    @SuppressWarnings("unchecked")
    private static String describe(Map<String, Object> command) {
        var action = (Map<String, Object>) command.get("action");
        return action.get("field") + "(" + action.get("args") + ")";
    }

    private static boolean isAssertion(Map<String, Object> command) {
        return ((String) command.get("type")).startsWith("assert_");
    }
}
