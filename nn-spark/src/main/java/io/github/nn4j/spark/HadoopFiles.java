package io.github.nn4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;

/**
 * Files behind a Hadoop URI ({@code hdfs://…}, {@code s3a://…}, {@code file:/…}, or a path on the
 * default file system), read and written whole through Hadoop's {@link FileContext}: the same
 * code for every file system Hadoop knows. nn4j's file code works on local {@link Path}s, so a
 * file passes through a local temporary copy.
 *
 * <p>Writing is all or nothing: the bytes go to a hidden file beside the target, which is then
 * renamed over it ({@code Options.Rename.OVERWRITE}: atomic on HDFS and local disks; on S3A a
 * rename is a copy, and an object appears whole or not at all). A failure leaves the old file.
 */
final class HadoopFiles {

    /** Writes the contents of a local file. */
    @FunctionalInterface
    interface LocalWriter {
        void write(Path file) throws IOException;
    }

    private HadoopFiles() {
    }

    /**
     * Writes {@code uri}: {@code writer} fills a local temporary file, which is copied beside the
     * target and renamed over it. Missing parent folders are created.
     *
     * @throws IOException naming the URI when a step fails; an old file is then unchanged
     */
    static void write(String uri, Configuration conf, LocalWriter writer) throws IOException {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(uri);
        FileContext files = FileContext.getFileContext(target.toUri(), conf);
        org.apache.hadoop.fs.Path qualified = files.makeQualified(target);
        org.apache.hadoop.fs.Path partial = new org.apache.hadoop.fs.Path(qualified.getParent(),
                "." + qualified.getName() + "." + UUID.randomUUID() + ".partial");
        Path local = Files.createTempFile("nn4j-", ".nn4j");
        boolean renamed = false;
        try {
            writer.write(local);
            try (OutputStream out = files.create(partial, EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
                    Options.CreateOpts.createParent())) {
                Files.copy(local, out);
            }
            files.rename(partial, qualified, Options.Rename.OVERWRITE);
            renamed = true;
        } catch (IOException e) {
            throw new IOException("cannot write " + uri + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(local);
            if (!renamed) {
                try {
                    files.delete(partial, false);
                } catch (IOException ignored) {
                    // nothing was written there, or the file system is gone: the old file is unchanged either way
                }
            }
        }
    }

    /**
     * Copies {@code uri} into a new local temporary file, which the caller deletes.
     *
     * @throws IOException naming the URI when it cannot be read
     */
    static Path copyToLocal(String uri, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
        Path local = Files.createTempFile("nn4j-", ".nn4j");
        try (InputStream in = FileContext.getFileContext(source.toUri(), conf).open(source)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            return local;
        } catch (IOException e) {
            Files.deleteIfExists(local);
            throw new IOException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }
}
