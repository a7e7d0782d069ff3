import static dev.kiln.ValueType.I32;

import dev.kiln.CompiledModule;
import dev.kiln.FunctionType;
import dev.kiln.Instance;
import dev.kiln.ModuleConfig;
import dev.kiln.Runtime;
import java.nio.file.Path;
import java.util.List;

/**
 * Embedding Kiln: define a host function in Java, instantiate a module that imports it, and
 * call one of its exports. Run it with {@code examples/java/run.sh}.
 */
public class HostFunctionExample {

    public static void main(String[] args) {
        Path wasm = Path.of(args.length > 0 ? args[0] : "examples/java/greet.wasm");
        try (Runtime runtime = Runtime.create()) {
            // env.log(pointer, length): the module passes a string that lives in its own memory.
            runtime.hostModule("env")
                    .function("log", FunctionType.of(List.of(I32, I32), List.of()),
                            (caller, stack) -> System.out.println(caller.memory().readString(stack[0], (int) stack[1])))
                    .instantiate();

            CompiledModule module = runtime.compile(wasm);
            Instance greeter = runtime.instantiate(module, ModuleConfig.named("greeter"));

            long[] results = greeter.function("greet").call(3);
            System.out.println("greet(3) returned " + results[0]);
        }
    }
}
