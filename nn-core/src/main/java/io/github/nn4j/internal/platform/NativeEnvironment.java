package io.github.nn4j.internal.platform;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The C library's view of the process: its environment ({@code setenv}, {@code getenv}) and
 * the symbols of shared libraries already loaded ({@code dlopen} with {@code RTLD_NOLOAD},
 * {@code dlsym}). Called through JNA, which ND4J already brings (nd4j-api → oshi-core → jna).
 *
 * <p>Native libraries read the C environment, not Java's: {@link System#getenv()} is a copy taken
 * when the JVM started and does not show what is set here. Children started with
 * {@link ProcessBuilder} inherit Java's copy, not these changes.
 */
public final class NativeEnvironment {

    /** Linux's {@code RTLD_LAZY | RTLD_NOLOAD}: a handle to a loaded library, never a new load. */
    private static final int RTLD_LAZY_NOLOAD = 0x1 | 0x4;

    private NativeEnvironment() {
    }

    /**
     * Sets or removes a variable of the C environment.
     *
     * @param name  the variable
     * @param value its value, or {@code null} to remove it
     * @throws IllegalStateException if the C library refuses
     * @throws LinkageError          if JNA is missing or cannot load
     */
    public static void set(String name, String value) {
        NativeLibrary process = NativeLibrary.getProcess();
        int result = value == null
                ? process.getFunction("unsetenv").invokeInt(new Object[] {name})
                : process.getFunction("setenv").invokeInt(new Object[] {name, value, 1});
        if (result != 0) {
            throw new IllegalStateException((value == null ? "unsetenv(" : "setenv(") + name + ") failed");
        }
    }

    /**
     * A variable of the C environment, as native libraries see it.
     *
     * @param name the variable
     * @return its value, or empty if unset
     * @throws LinkageError if JNA is missing or cannot load
     */
    public static Optional<String> get(String name) {
        Pointer value = NativeLibrary.getProcess().getFunction("getenv").invokePointer(new Object[] {name});
        return value == null ? Optional.empty() : Optional.of(value.getString(0));
    }

    /**
     * A function of a shared library that is already loaded, found without loading anything and
     * without making its symbols global (loading OpenBLAS's symbols globally next to ND4J's
     * copies crashed the JVM).
     *
     * @param library the library's file, as mapped in the process
     * @param symbol  the function's name
     * @return the function, or empty if the library is not loaded or lacks the symbol
     */
    static Optional<Function> loadedFunction(Path library, String symbol) {
        NativeLibrary process = NativeLibrary.getProcess();
        Pointer handle = process.getFunction("dlopen").invokePointer(new Object[] {library.toString(), RTLD_LAZY_NOLOAD});
        if (handle == null) {
            return Optional.empty();
        }
        Pointer address = process.getFunction("dlsym").invokePointer(new Object[] {handle, symbol});
        return address == null ? Optional.empty() : Optional.of(Function.getFunction(address));
    }
}
