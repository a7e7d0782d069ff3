package dev.kiln.wasi;

import dev.kiln.Instance;
import dev.kiln.KilnException;
import dev.kiln.Memory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The calling module's linear memory as WASI sees it: addresses are unsigned 32-bit guest
 * pointers, and any access outside the memory (or a call from a module without one) is
 * {@link Errno#FAULT}, never a Java exception reaching the guest.
 *
 * <p>The memory is looked up on first use, so calls that take no pointers (such as
 * {@code proc_exit}) work for modules without a memory.
 */
final class GuestMemory {

    private final Instance caller;
    private Memory memory;

    private GuestMemory(Instance caller, Memory memory) {
        this.caller = caller;
        this.memory = memory;
    }

    /** The memory of {@code caller}, which may be {@code null} when Java calls a WASI function directly. */
    static GuestMemory of(Instance caller) {
        return new GuestMemory(caller, null);
    }

    /** A fixed memory, for calls made without a calling instance (tests, tools). */
    static GuestMemory of(Memory memory) {
        return new GuestMemory(null, memory);
    }

    /** The instance whose memory this is, {@code null} for a fixed memory or none. */
    Instance caller() {
        return caller;
    }

    /** A guest pointer or size: the i32 slot read as unsigned. */
    static long u32(long slot) {
        return slot & 0xFFFF_FFFFL;
    }

    /** Fails with {@link Errno#FAULT} unless {@code [address, address + length)} is inside the memory. */
    void check(long address, long length) {
        if (address < 0 || length < 0 || address + length > memory().size()) {
            throw new ErrnoException(Errno.FAULT);
        }
    }

    int readByte(long address) {
        check(address, 1);
        return memory().readByte(address) & 0xFF;
    }

    int readShort(long address) {
        check(address, 2);
        return memory().readShort(address) & 0xFFFF;
    }

    int readInt(long address) {
        check(address, 4);
        return memory().readInt(address);
    }

    long readLong(long address) {
        check(address, 8);
        return memory().readLong(address);
    }

    void writeByte(long address, int value) {
        check(address, 1);
        memory().writeByte(address, (byte) value);
    }

    void writeShort(long address, int value) {
        check(address, 2);
        memory().writeShort(address, (short) value);
    }

    void writeInt(long address, int value) {
        check(address, 4);
        memory().writeInt(address, value);
    }

    void writeLong(long address, long value) {
        check(address, 8);
        memory().writeLong(address, value);
    }

    /**
     * The guest's UTF-8 string {@code [address, address + length)}, such as a path:
     * {@link Errno#FAULT} outside memory, {@link Errno#ILSEQ} if it is not valid UTF-8.
     */
    String readString(long address, long length) {
        check(address, length);
        byte[] bytes = new byte[(int) length];
        memory().read(address, bytes, 0, bytes.length);
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII); // most paths: no decoder needed
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ErrnoException(Errno.ILSEQ);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Copies {@code source[from..from+length)} to the guest at {@code address}. */
    void write(long address, byte[] source, int from, int length) {
        check(address, length);
        memory().write(address, source, from, length);
    }

    /**
     * The guest bytes {@code [address, address + length)} as a buffer for channels to fill or
     * drain: a direct view of the memory itself where the memory is native, else a copy of the
     * bytes (a memory on the Java heap has no byte view), whose reads {@link #commit} must then
     * copy back.
     */
    ByteBuffer view(long address, int length) {
        check(address, length);
        Memory bytes = memory();
        return bytes.isNative() ? bytes.asByteBuffer(address, length) : ByteBuffer.wrap(bytes.read(address, length));
    }

    /**
     * After a read into {@code view} (from {@link #view} at {@code address}): puts the bytes the
     * read delivered into the guest memory, if the view was a copy; a direct view already did.
     */
    void commit(long address, ByteBuffer view) {
        if (!view.isDirect()) {
            memory().write(address, view.array(), 0, view.position());
        }
    }

    private Memory memory() {
        if (memory == null) {
            memory = callerMemory();
        }
        return memory;
    }

    private Memory callerMemory() {
        if (caller == null) {
            throw new ErrnoException(Errno.FAULT);
        }
        try {
            return caller.memory();
        } catch (KilnException noMemory) {
            throw new ErrnoException(Errno.FAULT);
        }
    }
}
