package dev.kiln;

import dev.kiln.internal.binary.ModuleDecoder;
import dev.kiln.internal.compiler.engine.CompilerEngine;
import dev.kiln.internal.concurrent.IndexedWork;
import dev.kiln.internal.interpreter.InterpreterEngine;
import dev.kiln.internal.nativecode.NativeSupport;
import dev.kiln.internal.runtime.Engine;
import dev.kiln.internal.runtime.Instantiator;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.Store;
import dev.kiln.internal.validate.Validator;
import dev.kiln.internal.wasm.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point: compiles modules, instantiates them, and links instances to each other and to
 * host modules by name.
 *
 * <pre>{@code
 * try (Runtime rt = Runtime.create()) {
 *     CompiledModule m = rt.compile(Path.of("add.wasm"));
 *     Instance add = rt.instantiate(m, ModuleConfig.named("add"));
 *     long[] r = add.function("add").call(1, 2);
 * }
 * }</pre>
 *
 * <p>A runtime is thread-safe: modules can be compiled and instantiated from many threads.
 * Closing it closes every instance it made.
 */
public final class Runtime implements AutoCloseable {

    private final RuntimeConfig config;
    private final Store store;
    private final Engine engine;
    private final Map<String, Instance> registry = new ConcurrentHashMap<>();
    private final List<Instance> instances = new ArrayList<>();
    private volatile boolean closed;

    private Runtime(RuntimeConfig config) {
        this.config = config;
        this.store = new Store(config.memoryLimitPages(), config.maxCallDepth());
        this.engine = switch (config.engine()) {
            case INTERPRETER -> new InterpreterEngine(store);
            case COMPILER -> compilerOrFallback(store);
        };
    }

    private static final java.util.concurrent.atomic.AtomicBoolean SAID_UNAVAILABLE = new java.util.concurrent.atomic.AtomicBoolean();

    /** The compiler engine where native code can run, else the interpreter (said once per JVM). */
    private static Engine compilerOrFallback(Store store) {
        if (NativeSupport.isAvailable()) {
            return new CompilerEngine(store);
        }
        if (SAID_UNAVAILABLE.compareAndSet(false, true)) {
            // The logger is looked up only to say something: the first lookup costs a fresh JVM 7 ms.
            System.getLogger(Runtime.class.getName()).log(System.Logger.Level.INFO,
                    "running WebAssembly on the interpreter: " + NativeSupport.unavailableReason());
        }
        return new InterpreterEngine(store);
    }

    /** A runtime with {@link RuntimeConfig#defaults()}. */
    public static Runtime create() {
        return new Runtime(RuntimeConfig.defaults());
    }

    /** A runtime with the given configuration. */
    public static Runtime create(RuntimeConfig config) {
        return new Runtime(java.util.Objects.requireNonNull(config, "config"));
    }

    /** The configuration this runtime was created with. */
    public RuntimeConfig config() {
        return config;
    }

    /**
     * Decodes, validates and compiles a module binary.
     *
     * @throws CompileException if the module is malformed or invalid
     */
    public CompiledModule compile(byte[] wasm) {
        checkOpen();
        return ScopedValue.where(IndexedWork.THREADS, config.compileThreads()).call(() -> compileBound(wasm));
    }

    /** {@link #compile(byte[])} with the compile threads bound. */
    private CompiledModule compileBound(byte[] wasm) {
        // One pass over the code: the validator's read of each body also checks that it is
        // well-formed. A malformed body still comes before any validation failure.
        Module module = ModuleDecoder.decodeDeferringBodies(wasm);
        try {
            Validator.validate(module);
        } catch (CompileException e) {
            ModuleDecoder.requireWellFormedBodies(module);
            throw e;
        }
        return new CompiledModule(this, module, engine.compile(module));
    }

    /**
     * Reads and compiles a {@code .wasm} file.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws CompileException if the module is malformed or invalid
     */
    public CompiledModule compile(Path wasmFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(wasmFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + wasmFile + ": " + e.getMessage(), e);
        }
        return compile(bytes);
    }

    /** Instantiates an anonymous instance of {@code module}. */
    public Instance instantiate(CompiledModule module) {
        return instantiate(module, ModuleConfig.anonymous());
    }

    /**
     * Instantiates {@code module}: links its imports against registered instances, applies its
     * segments and runs its start function. A named instance is registered for later imports.
     *
     * @throws LinkException if an import is missing or has the wrong type, or the name is taken
     * @throws TrapException if a segment does not fit or the start function traps
     */
    public Instance instantiate(CompiledModule module, ModuleConfig moduleConfig) {
        checkOpen();
        if (module.runtime() != this) {
            throw new IllegalArgumentException("the module was compiled by another runtime");
        }
        String name = moduleConfig.name();
        checkNameFree(name);
        try {
            ModuleInstance internal = Instantiator.instantiate(store, module.module(), module.code(), name, this::resolve);
            Instance instance = new Instance(this, internal);
            Instantiator.start(internal);
            return adopt(instance);
        } finally {
            // Until the instance holds the module's code: once nothing refers to the module, its
            // cleaner lets go of the code (CompiledModule), which must not be before that.
            Reference.reachabilityFence(module);
        }
    }

    /** Starts defining a host module called {@code moduleName}, whose functions Java implements. */
    public HostModuleBuilder hostModule(String moduleName) {
        checkOpen();
        return new HostModuleBuilder(this, moduleName);
    }

    /**
     * Makes the exports of {@code instance} importable under {@code name} as well.
     *
     * @throws LinkException if the name is taken
     */
    public void register(String name, Instance instance) {
        checkOpen();
        instance.checkOpen();
        if (registry.putIfAbsent(name, instance) != null) {
            throw new LinkException("a module named '" + name + "' is already registered");
        }
    }

    /** The instance registered under {@code name}, or {@code null}. */
    public Instance instance(String name) {
        return registry.get(name);
    }

    /**
     * Closes every instance this runtime made, and frees what instances whose instantiation
     * trapped still hold, and the compiled code. Idempotent.
     *
     * @throws IllegalStateException while a call into one of its instances runs (from a host
     *     function, or on another thread): interrupt it ({@link Instance#interrupt()}) and close
     *     after it returns; the runtime stays open
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        store.checkNoCallRuns();
        engine.stopCalls();
        closed = true;
        List<Instance> all;
        synchronized (instances) {
            all = new ArrayList<>(instances);
        }
        all.forEach(Instance::close);
        store.close();
        engine.close();
    }

    Store store() {
        return store;
    }

    Engine engine() {
        return engine;
    }

    void checkNameFree(String name) {
        if (name != null && registry.containsKey(name)) {
            throw new LinkException("a module named '" + name + "' is already registered");
        }
    }

    /** Registers a fully instantiated instance: it is closed with the runtime and, if named, importable. */
    Instance adopt(Instance instance) {
        String name = instance.name();
        if (name != null && registry.putIfAbsent(name, instance) != null) {
            throw new LinkException("a module named '" + name + "' is already registered");
        }
        synchronized (instances) {
            instances.add(instance);
        }
        return instance;
    }

    void unregister(Instance instance) {
        registry.values().removeIf(registered -> registered == instance);
        synchronized (instances) {
            instances.remove(instance);
        }
    }

    private Object resolve(String module, String name) {
        Instance instance = registry.get(module);
        return instance == null ? null : instance.internal().exported(name);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the runtime is closed");
        }
    }
}
