package io.github.nn4j.internal.platform;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a loaded OpenBLAS says about itself: {@code openblas_get_corename()},
 * {@code openblas_get_config()} and {@code openblas_get_num_threads()}.
 *
 * <p>An ND4J process maps two copies of OpenBLAS: JavaCPP's {@code libopenblas_nolapack}, which
 * {@code Nd4j.gemm} (and so every nn4j dense layer) calls, and the {@code libopenblas} that
 * ND4J's own native library links. Both read {@code OPENBLAS_CORETYPE} when they load. The
 * JavaCPP preset does not map these three functions, so they are called through the C library
 * on the copy that is already loaded (Linux only); nothing is loaded by asking.
 *
 * @param library  the library file
 * @param coreName the kernel family it runs, e.g. {@code SkylakeX}
 * @param config   its build, e.g. {@code OpenBLAS 0.3.19 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=…}
 * @param threads  the number of threads its GEMM uses
 */
public record OpenBlasInfo(Path library, String coreName, String config, int threads) {

    /** The start of the file name of the copy {@code Nd4j.gemm} calls. */
    private static final String ND4J_GEMM_LIBRARY = "libopenblas_nolapack";

    /**
     * The copy behind {@code Nd4j.gemm}, if ND4J has loaded it.
     *
     * @return its report, or empty before ND4J's first use or where it cannot be asked
     */
    public static Optional<OpenBlasInfo> nd4jGemm() {
        return loadedLibraries().stream().filter(path -> path.getFileName().toString().startsWith(ND4J_GEMM_LIBRARY))
                .findFirst().flatMap(OpenBlasInfo::of);
    }

    /**
     * Every OpenBLAS the process has loaded, each asked.
     *
     * @return the reports, in load order
     */
    public static List<OpenBlasInfo> all() {
        return loadedLibraries().stream().map(OpenBlasInfo::of).flatMap(Optional::stream).toList();
    }

    /**
     * Asks one loaded OpenBLAS.
     *
     * @param library the file, as {@code /proc/self/maps} names it
     * @return the report, or empty if it is not loaded, lacks the functions, or JNA is missing
     */
    public static Optional<OpenBlasInfo> of(Path library) {
        try {
            Optional<Function> coreName = NativeEnvironment.loadedFunction(library, "openblas_get_corename");
            Optional<Function> config = NativeEnvironment.loadedFunction(library, "openblas_get_config");
            Optional<Function> threads = NativeEnvironment.loadedFunction(library, "openblas_get_num_threads");
            if (coreName.isEmpty() || config.isEmpty() || threads.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new OpenBlasInfo(library, string(coreName.get()), string(config.get()),
                    threads.get().invokeInt(new Object[0])));
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The OpenBLAS files mapped into this process, from {@code /proc/self/maps}.
     *
     * @return the paths, in load order; empty where the file does not exist (not Linux)
     */
    public static List<Path> loadedLibraries() {
        return mappedFiles().stream().filter(path -> path.getFileName().toString().startsWith("libopenblas")).toList();
    }

    /**
     * Whether ND4J's native libraries are loaded, after which {@code OPENBLAS_CORETYPE} and
     * {@code OMP_WAIT_POLICY} are read and changing them has no effect.
     *
     * @return true if {@code libnd4jcpu} or ND4J's OpenBLAS is mapped (always false where that
     *         cannot be seen)
     */
    public static boolean nd4jNativesLoaded() {
        return mappedFiles().stream().map(path -> path.getFileName().toString())
                .anyMatch(name -> name.startsWith("libnd4jcpu") || name.startsWith(ND4J_GEMM_LIBRARY));
    }

    /**
     * The files this process has mapped, from {@code /proc/self/maps}.
     *
     * @return the paths, in map order; empty where the file does not exist (not Linux)
     */
    public static List<Path> mappedFiles() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(line -> line.indexOf('/') < 0 ? null : line.substring(line.indexOf('/')))
                    .filter(path -> path != null && !path.endsWith(" (deleted)"))
                    .distinct().map(Path::of).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static String string(Function function) {
        Pointer text = function.invokePointer(new Object[0]);
        return text == null ? "" : text.getString(0).trim();
    }
}
