package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.TestModule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public API's contract: linking by name, lifetimes, argument checks and the facades. */
class RuntimeTest {

    @Test
    void aStartFunctionsHostCallsSeeTheInstanceBeingStarted() {
        try (Runtime runtime = Runtime.create()) {
            List<String> seen = new ArrayList<>();
            runtime.hostModule("env")
                    .function("peek", sig("i32 i32", ""), (caller, stack) -> seen.add(caller.memory().readString(stack[0], (int) stack[1])))
                    .instantiate();
            TestModule m = new TestModule().memory("memory", 1, -1).data(16, "hi".getBytes(StandardCharsets.UTF_8));
            int peek = m.importFunction("env", "peek", sig("i32 i32", ""));
            m.start(m.function("init", sig("", ""), "i32.const 16 i32.const 2 call " + peek));
            m.instantiate(runtime);
            assertEquals(List.of("hi"), seen);
        }
    }

    @Test
    void namedInstancesAreImportableByName() {
        try (Runtime runtime = Runtime.create()) {
            TestModule math = new TestModule().named("math");
            math.function("twice", sig("i32", "i32"), "local.get 0 i32.const 2 i32.mul");
            math.instantiate(runtime);
            TestModule user = new TestModule();
            int twice = user.importFunction("math", "twice", sig("i32", "i32"));
            user.function("quad", sig("i32", "i32"), "local.get 0 call " + twice + " call " + twice);
            assertArrayEquals(new long[] {28}, user.instantiate(runtime).function("quad").call(7));
        }
    }

    @Test
    void aMissingImportIsALinkErrorNamingIt() {
        try (Runtime runtime = Runtime.create()) {
            TestModule user = new TestModule();
            user.importFunction("nowhere", "thing", sig("", ""));
            LinkException e = assertThrows(LinkException.class, () -> user.instantiate(runtime));
            assertTrue(e.getMessage().contains("nowhere.thing"), e.getMessage());
        }
    }

    @Test
    void anImportOfTheWrongTypeIsALinkError() {
        try (Runtime runtime = Runtime.create()) {
            TestModule math = new TestModule().named("math");
            math.function("twice", sig("i32", "i32"), "local.get 0 i32.const 2 i32.mul");
            math.instantiate(runtime);
            TestModule user = new TestModule();
            user.importFunction("math", "twice", sig("i64", "i64"));
            LinkException e = assertThrows(LinkException.class, () -> user.instantiate(runtime));
            assertTrue(e.getMessage().contains("incompatible import type"), e.getMessage());
        }
    }

    @Test
    void aNameCanBeRegisteredOnce() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule().named("once");
            m.function("f", sig("", ""), "");
            Instance first = m.instantiate(runtime);
            assertThrows(LinkException.class, () -> m.instantiate(runtime));
            assertThrows(LinkException.class, () -> runtime.register("once", first));
            runtime.register("alias", first);
            assertEquals(first, runtime.instance("alias"));
        }
    }

    @Test
    void closingFreesTheNameAndRefusesFurtherUse() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule().named("temp");
            m.function("f", sig("", "i32"), "i32.const 1");
            Instance instance = m.instantiate(runtime);
            Function f = instance.function("f");
            instance.close();
            assertThrows(IllegalStateException.class, () -> f.call());
            assertThrows(IllegalStateException.class, () -> instance.function("f"));
            assertEquals(null, runtime.instance("temp"));
            m.instantiate(runtime); // the name is free again
        }
    }

    @Test
    void closingTheRuntimeClosesItsInstances() {
        Runtime runtime = Runtime.create();
        TestModule m = new TestModule();
        m.function("f", sig("", ""), "");
        Instance instance = m.instantiate(runtime);
        runtime.close();
        assertThrows(IllegalStateException.class, () -> instance.function("f"));
        assertThrows(IllegalStateException.class, () -> runtime.compile(m.encode()));
    }

    @Test
    void callsCheckTheirArgumentCount() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule();
            m.function("add", sig("i32 i32", "i32"), "local.get 0 local.get 1 i32.add");
            Function add = m.instantiate(runtime).function("add");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> add.call(1));
            assertTrue(e.getMessage().contains("takes 2 argument slots, got 1"), e.getMessage());
            assertArrayEquals(new long[] {3}, add.call(1, 2));
        }
    }

    @Test
    void callWithStackReadsArgumentsAndWritesResultsInTheCallersArray() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule();
            m.function("add", sig("i32 i32", "i32"), "local.get 0 local.get 1 i32.add");
            m.function("pair", sig("i64", "i64 i64 i64"), "local.get 0 local.get 0 i64.const 1 i64.add local.get 0");
            Instance instance = m.instantiate(runtime);
            Function add = instance.function("add");
            long[] stack = {40, 2, 99};
            add.callWithStack(stack);
            assertArrayEquals(new long[] {42, 2, 99}, stack, "only the result slot is written");
            long[] wide = {7, 0, 0};
            instance.function("pair").callWithStack(wide);
            assertArrayEquals(new long[] {7, 8, 7}, wide, "results may outnumber the parameters");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> instance.function("pair").callWithStack(new long[2]));
            assertTrue(e.getMessage().contains("needs a stack of at least 3 slots, got 2"), e.getMessage());
            instance.close();
            assertThrows(IllegalStateException.class, () -> add.callWithStack(stack));
        }
    }

    @Test
    void hostFunctionsGetAFreshlyFilledArrayOfTheirSignaturesLengthAlsoWhenNested() {
        try (Runtime runtime = Runtime.create()) {
            List<long[]> seen = new ArrayList<>();
            Function[] reenter = new Function[1];
            runtime.hostModule("env")
                    .function("spread", sig("i32", "i32 i32 i32"), (caller, stack) -> {
                        seen.add(stack.clone());
                        stack[1] = stack[0] + 1;
                        stack[2] = stack[0] + 2;
                    })
                    .function("nest", sig("i32", "i32"), (caller, stack) -> {
                        long outer = stack[0];
                        long[] inner = reenter[0].call(outer * 10);
                        assertEquals(outer, stack[0], "the nested call used an array of its own");
                        stack[0] = inner[0] + inner[1] + inner[2];
                    })
                    .instantiate();
            TestModule m = new TestModule();
            int spread = m.importFunction("env", "spread", sig("i32", "i32 i32 i32"));
            int nest = m.importFunction("env", "nest", sig("i32", "i32"));
            m.function("spread", sig("i32", "i32 i32 i32"), "local.get 0 call " + spread);
            m.function("nest", sig("i32", "i32"), "local.get 0 call " + nest);
            Instance instance = m.instantiate(runtime);
            reenter[0] = instance.function("spread");
            assertArrayEquals(new long[] {5, 6, 7}, instance.function("spread").call(5));
            assertArrayEquals(new long[] {8, 9, 10}, instance.function("spread").call(8));
            assertArrayEquals(new long[] {30 + 31 + 32}, instance.function("nest").call(3));
            assertEquals(3, seen.size());
            for (long[] arguments : seen) {
                assertEquals(3, arguments.length);
                assertEquals(0, arguments[1] | arguments[2], "no results of an earlier call are left over");
            }
        }
    }

    @Test
    void aModuleBelongsToTheRuntimeThatCompiledIt() {
        TestModule m = new TestModule();
        m.function("f", sig("", ""), "");
        try (Runtime one = Runtime.create(); Runtime other = Runtime.create()) {
            CompiledModule compiled = one.compile(m.encode());
            assertThrows(IllegalArgumentException.class, () -> other.instantiate(compiled));
        }
    }

    @Test
    void memoryAccessFromJavaIsBoundsChecked() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule().memory("memory", 1, 2);
            m.function("load", sig("i32", "i32"), "local.get 0 i32.load");
            Instance instance = m.instantiate(runtime);
            Memory memory = instance.memory("memory");
            memory.writeInt(100, 0x12345678);
            assertArrayEquals(new long[] {0x12345678}, instance.function("load").call(100));
            assertEquals(65536, memory.size());
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readInt(65533));
            assertThrows(IndexOutOfBoundsException.class, () -> memory.read(-1, 1));
            assertEquals(1, memory.grow(1));
            assertEquals(-1, memory.grow(1), "the declared maximum is 2 pages");
            memory.writeInt(65533, 7); // inside after growing
        }
    }

    @Test
    void bulkReadsAndWritesGoThroughArraysAndBuffers() {
        try (Runtime runtime = Runtime.create()) {
            Memory memory = new TestModule().memory("memory", 1, 1).instantiate(runtime).memory("memory");
            memory.write(10, new byte[] {9, 1, 2, 3, 9}, 1, 3);
            byte[] into = new byte[5];
            memory.read(9, into, 1, 4);
            assertArrayEquals(new byte[] {0, 0, 1, 2, 3}, into);

            ByteBuffer direct = ByteBuffer.allocateDirect(8);
            direct.put(new byte[] {7, 7, 4, 5, 6}).flip().position(2);
            memory.write(100, direct);
            assertEquals(5, direct.position(), "the source is consumed");
            assertArrayEquals(new byte[] {4, 5, 6}, memory.read(100, 3));

            ByteBuffer heap = ByteBuffer.allocate(4);
            memory.read(99, heap);
            assertEquals(4, heap.position());
            assertArrayEquals(new byte[] {0, 4, 5, 6}, heap.array());

            assertThrows(IndexOutOfBoundsException.class, () -> memory.read(65534, ByteBuffer.allocate(4)));
            ByteBuffer untouched = ByteBuffer.allocate(4);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.write(65534, untouched));
            assertEquals(0, untouched.position(), "a refused write consumes nothing");
            assertThrows(IndexOutOfBoundsException.class, () -> memory.read(0, into, 3, 4));
        }
    }

    @Test
    void aByteBufferViewReadsAndWritesTheMemoryItselfUntilTheMemoryCloses() {
        ByteBuffer view;
        try (Runtime runtime = Runtime.create()) {
            Memory memory = new TestModule().memory("memory", 1, 1).instantiate(runtime).memory("memory");
            memory.write(200, new byte[] {1, 2, 3, 4});
            view = memory.asByteBuffer(201, 2);
            assertEquals(0, view.position());
            assertEquals(2, view.remaining());
            assertEquals(2, view.get(0));
            view.put(1, (byte) 9);
            assertArrayEquals(new byte[] {1, 2, 9, 4}, memory.read(200, 4), "a write through the view is in the memory");
            memory.writeByte(201, (byte) 8);
            assertEquals(8, view.get(0), "a write to the memory shows through the view");
            assertTrue(memory.isNative() && view.isDirect(), "linear memory is native on this platform, so channels read into it directly");
            assertEquals(0, memory.asByteBuffer(65536, 0).remaining(), "an empty view at the end");
            assertThrows(IndexOutOfBoundsException.class, () -> memory.asByteBuffer(65535, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> memory.asByteBuffer(-1, 1));
        }
        ByteBuffer closed = view;
        assertThrows(IllegalStateException.class, () -> closed.get(0), "the view dies with the memory");
    }

    @Test
    void aMemoryOnTheHeapHasNoByteBufferView() {
        Memory heap = TestMemories.onHeap(1);
        assertFalse(heap.isNative());
        assertThrows(UnsupportedOperationException.class, () -> heap.asByteBuffer(0, 1));
    }

    @Test
    void globalsFollowTheirMutability() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule()
                    .global("counter", ValueType.I32, true, "i32.const 5")
                    .global("limit", ValueType.I64, false, "i64.const 9");
            m.function("read", sig("", "i32"), "global.get 0");
            Instance instance = m.instantiate(runtime);
            instance.global("counter").set(41);
            assertArrayEquals(new long[] {41}, instance.function("read").call());
            assertEquals(9, instance.global("limit").get());
            assertThrows(IllegalStateException.class, () -> instance.global("limit").set(1));
        }
    }

    @Test
    void exportsOfTheWrongKindAreNamedInTheError() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule().memory("memory", 1, -1);
            m.function("f", sig("", ""), "");
            Instance instance = m.instantiate(runtime);
            KilnException e = assertThrows(KilnException.class, () -> instance.function("memory"));
            assertTrue(e.getMessage().contains("no function named 'memory'"), e.getMessage());
            assertTrue(instance.hasFunction("f"));
        }
    }

    @Test
    void hostModulesRejectDuplicateNamesAndBadLimits() {
        try (Runtime runtime = Runtime.create()) {
            HostModuleBuilder env = runtime.hostModule("env").function("f", sig("", ""), (caller, stack) -> { });
            assertThrows(IllegalArgumentException.class, () -> env.global("f", ValueType.I32, false, 0));
            assertThrows(IllegalArgumentException.class, () -> env.memory("m", 3, 2));
            assertThrows(IllegalArgumentException.class, () -> env.table("t", ValueType.I32, 1, 1));
        }
    }

    @Test
    void aTrapLeavesTheInstanceUsable() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule().named("app");
            m.function("divide", sig("i32 i32", "i32"), "local.get 0 local.get 1 i32.div_s");
            Function divide = m.instantiate(runtime).function("divide");
            TrapException trap = assertThrows(TrapException.class, () -> divide.call(1, 0));
            assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
            assertTrue(trap.describe().contains("app.divide"), trap.describe());
            assertArrayEquals(new long[] {3}, divide.call(7, 2));
        }
    }
}
