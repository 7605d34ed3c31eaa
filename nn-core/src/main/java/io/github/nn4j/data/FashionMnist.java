package io.github.nn4j.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando, MIT licence): 28×28 grey images of clothing in 10 classes, 60,000 for
 * training and 10,000 for testing, as features {@code [n, 784]} scaled to [0, 1] and class-index
 * labels {@code [n, 1]}.
 *
 * <p>The files come from the Debian/Ubuntu package {@code dataset-fashion-mnist}
 * ({@code sudo apt-get install dataset-fashion-mnist}), which puts them in
 * {@code /usr/share/datasets/fashion-mnist}, or from the data set's GitHub page into any
 * directory. Gzip or uncompressed files both work.
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.load();                  // the package's directory
 * Split split = data.train().split(5_000, 42);              // hold out 5,000 for validation
 * String name = FashionMnist.CLASS_NAMES.get(9);            // "Ankle boot"
 * }</pre>
 *
 * @param train the 60,000 training examples
 * @param test  the 10,000 test examples
 */
public record FashionMnist(DataSet train, DataSet test) {

    /** Where the {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The system property that overrides {@link #DEFAULT_DIRECTORY} for {@link #load()}. */
    public static final String DIRECTORY_PROPERTY = "nn4j.fashionMnist.dir";

    /** The names of classes 0 to 9. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The command that installs the data on Debian and Ubuntu. */
    public static final String INSTALL_COMMAND = "sudo apt-get install dataset-fashion-mnist";

    private static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    /**
     * Loads from the directory named by the system property {@value #DIRECTORY_PROPERTY}, or
     * else from {@link #DEFAULT_DIRECTORY}.
     *
     * @return the training and test sets
     * @throws FileNotFoundException saying how to install the data when it is missing
     * @throws IOException           if a file is corrupt or unreadable
     */
    public static FashionMnist load() throws IOException {
        return load(defaultDirectory());
    }

    /**
     * Loads from a directory holding the four files ({@code train-images-idx3-ubyte.gz},
     * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz},
     * {@code t10k-labels-idx1-ubyte.gz}, or the same names without {@code .gz}).
     *
     * @param directory the directory
     * @return the training and test sets
     * @throws FileNotFoundException saying how to install the data when a file is missing
     * @throws IOException           if a file is corrupt or unreadable
     */
    public static FashionMnist load(Path directory) throws IOException {
        Path[] files = new Path[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            files[i] = find(directory, FILES[i]);
            if (files[i] == null) {
                throw new FileNotFoundException("Fashion-MNIST not found: " + directory.resolve(FILES[i] + ".gz")
                        + " does not exist. Install it with `" + INSTALL_COMMAND + "` (Debian/Ubuntu; files go to "
                        + DEFAULT_DIRECTORY + "), or download the four *-ubyte.gz files from "
                        + "https://github.com/zalandoresearch/fashion-mnist into a directory and pass that directory "
                        + "(FashionMnist.load(dir), or -D" + DIRECTORY_PROPERTY + "=dir)");
            }
        }
        return new FashionMnist(scaled(IdxReader.readDataSet(files[0], files[1])),
                scaled(IdxReader.readDataSet(files[2], files[3])));
    }

    /**
     * Whether all four files are in {@code directory}.
     *
     * @param directory the directory to look in
     * @return {@code true} if {@link #load(Path)} would find them
     */
    public static boolean isAvailable(Path directory) {
        for (String file : FILES) {
            if (find(directory, file) == null) {
                return false;
            }
        }
        return true;
    }

    /** The directory {@link #load()} reads: the system property's value, or the default. */
    public static Path defaultDirectory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        return property == null || property.isBlank() ? DEFAULT_DIRECTORY : Path.of(property);
    }

    private static Path find(Path directory, String name) {
        for (Path candidate : List.of(directory.resolve(name + ".gz"), directory.resolve(name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static DataSet scaled(DataSet raw) {
        return raw.withFeatures(raw.features().divi(255.0));
    }
}
