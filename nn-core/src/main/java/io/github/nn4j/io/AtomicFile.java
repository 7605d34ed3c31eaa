package io.github.nn4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old contents or the complete new contents, never
 * a half-written file: the data goes to a temporary file in the same folder, is forced to disk,
 * and is then renamed over the target in one atomic step. If anything fails, the temporary file
 * is deleted and the old file is left untouched. The new file gets the folder's default
 * permissions, like any file the process creates.
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("history.csv"), out -> out.write(csv.getBytes(StandardCharsets.UTF_8)));
 * }</pre>
 *
 * <p>Model files, checkpoints and {@code History} files are written this way.
 *
 * <p>What it guarantees, step by step: the temporary file is forced to the storage device
 * ({@code fsync}) before the rename, the rename replaces the target atomically, and the folder
 * is then forced too, so that after the call returns the new file survives a power cut (where
 * the platform allows forcing a folder: POSIX systems). A process killed at any point leaves the
 * target either old or new, never partial; it may leave its temporary file behind, which
 * {@link #deleteLeftovers} removes.
 */
public final class AtomicFile {

    /** Produces the file's contents. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the contents to {@code out}; must not close it.
         *
         * @param out the stream to the temporary file
         * @throws IOException when writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target the file to create or replace; its folder must exist
     * @param writer produces the contents
     * @throws IOException when writing fails; the old file, if any, is then unchanged
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temporary = createTemporary(folder, absolute.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncFolder(folder);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Deletes the temporary files that writes of {@code target} left behind when their process
     * was killed ({@code .<name>.<hex>.tmp} beside it). Call it only when no other write of the
     * same target is under way.
     *
     * @param target the file whose leftovers to delete
     * @return how many were deleted
     * @throws IOException when the folder cannot be listed or a leftover cannot be deleted
     */
    public static int deleteLeftovers(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        String prefix = "." + absolute.getFileName() + ".";
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(absolute.getParent(), file -> {
            String name = file.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp")
                    && name.substring(prefix.length(), name.length() - 4).matches("[0-9a-f]{1,16}");
        })) {
            for (Path leftover : files) {
                Files.deleteIfExists(leftover);
                deleted++;
            }
        }
        return deleted;
    }

    /** Creates {@code .<name>.<random>.tmp} beside the target, with the folder's default permissions. */
    private static Path createTemporary(Path folder, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Forces the rename itself to disk where the platform allows it (POSIX); elsewhere a no-op. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the rename is still atomic there.
        }
    }
}
