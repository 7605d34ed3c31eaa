package io.github.nn4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * nn-core's public types are exactly those listed in {@code src/test/resources/public-api.txt},
 * so that every new public type, an API promise, is a deliberate and reviewed change. The list
 * holds the internal packages too (public for nn4j's own modules only), so that growth there is
 * seen as well.
 */
class PublicApiTest {

    private static final Path LIST = Path.of("src/test/resources/public-api.txt");
    private static final Path CURRENT = Path.of("target/public-api.txt");

    @Test
    void thePublicTypesAreThoseListed() throws IOException {
        Set<String> found = publicTypes();
        Files.createDirectories(CURRENT.getParent());
        Files.writeString(CURRENT, listing(found));
        Set<String> listed = read(LIST);
        List<String> differences = new ArrayList<>();
        found.stream().filter(name -> !listed.contains(name)).forEach(name -> differences.add("new public type: " + name));
        listed.stream().filter(name -> !found.contains(name)).forEach(name -> differences.add("listed, not public: " + name));
        assertEquals(List.of(), differences, "nn-core's public types differ from " + LIST + ". A new public type is "
                + "a promise to users: make it package-private or move it to an internal package unless users need "
                + "it. Once the change is reviewed, copy nn-core/" + CURRENT + " (written by this test) to " + LIST);
    }

    /** Every public type that code outside its package can name, as {@code package.Outer.Inner}. */
    private static Set<String> publicTypes() {
        Iterable<JavaClass> classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.github.nn4j");
        return StreamSupport.stream(classes.spliterator(), false).filter(ArchitectureTest::isApi)
                .map(type -> type.getPackageName() + "." + type.getName().substring(type.getPackageName().length() + 1)
                        .replace('$', '.'))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The list's types: each line below a package line (no indent) names a type of that package;
     * lines starting with {@code #} and blank lines are comments.
     */
    private static Set<String> read(Path list) throws IOException {
        Set<String> types = new TreeSet<>();
        String pkg = null;
        for (String line : Files.readAllLines(list)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                types.add(pkg + "." + line.strip());
            } else {
                pkg = line.strip();
            }
        }
        return types;
    }

    /** The list's text for {@code types}: the header, then each package with its types. */
    private static String listing(Set<String> types) throws IOException {
        StringBuilder text = new StringBuilder();
        Files.readAllLines(LIST).stream().takeWhile(line -> line.startsWith("#"))
                .forEach(line -> text.append(line).append('\n'));
        Map<String, List<String>> byPackage = new TreeMap<>(   // the API's packages first, then the internal ones
                Comparator.comparing((String pkg) -> pkg.startsWith("io.github.nn4j.internal.")).thenComparing(pkg -> pkg));
        for (String type : types) {
            int end = packageEnd(type);
            byPackage.computeIfAbsent(type.substring(0, end), key -> new ArrayList<>()).add(type.substring(end + 1));
        }
        byPackage.forEach((pkg, names) -> {
            text.append('\n').append(pkg).append('\n');
            names.forEach(name -> text.append("    ").append(name).append('\n'));
        });
        return text.toString();
    }

    /** Where the package of {@code type} ends: at the first dot before an upper-case letter. */
    private static int packageEnd(String type) {
        for (int i = 0; i < type.length() - 1; i++) {
            if (type.charAt(i) == '.' && Character.isUpperCase(type.charAt(i + 1))) {
                return i;
            }
        }
        throw new IllegalArgumentException("no type in " + type);
    }
}
