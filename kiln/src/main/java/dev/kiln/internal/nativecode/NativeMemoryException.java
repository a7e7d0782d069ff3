package dev.kiln.internal.nativecode;

import dev.kiln.KilnException;

/** The kernel refused to map, protect or unmap memory for native code (the message has its errno). */
public final class NativeMemoryException extends KilnException {

    NativeMemoryException(String message) {
        super(message);
    }
}
