package dev.chunking.benchmarks;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.util.VersionInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code chunking-core}'s {@code GraphemeData.java}: the grapheme cluster properties of
 * every code point (Grapheme_Cluster_Break, Indic_Conjunct_Break, Extended_Pictographic) as read
 * from ICU4J, whose version fixes the Unicode version (ICU 78 = Unicode 17.0). Core reads the
 * generated table at run time without ICU4J, so chunks are the same on every JDK. The output
 * depends on the ICU4J version alone (no date, no machine), so running it again gives the same
 * file, and core's {@code GraphemeDataTest} fails when the committed file differs from ICU4J.
 *
 * <p>Run from the repository root:
 * <pre>{@code
 * mvn -B -q -pl chunking-benchmarks -am package -DskipTests
 * java -cp chunking-benchmarks/target/benchmarks.jar dev.chunking.benchmarks.GraphemeTableGenerator \
 *     chunking-core/src/main/java/dev/chunking/strategy/internal/GraphemeData.java
 * }</pre>
 *
 * <p>Each code point gets one value: bits 0-3 a category (the constants of core's
 * {@code Graphemes}: 0 Other, 1 CR, 2 LF, 3 Control, 4 Extend, 5 ZWJ, 6 Regional_Indicator,
 * 7 Prepend, 8 SpacingMark, 9 L, 10 V, 11 T, 12 LV, 13 LVT, 14 Extended_Pictographic, which is
 * Other for every rule but GB11), bits 4-5 Indic_Conjunct_Break (0 None, 1 Consonant, 2 Extend,
 * 3 Linker). The table lists the code points where the value changes, as 8 hex digits each: 6 for
 * the code point, 2 for the value from there on. The generator refuses properties the engine's
 * rules do not expect (E_Base and the like, a pictograph or InCB character of another category),
 * so that a Unicode update that breaks those assumptions stops here.
 *
 * <p>Stateless; run once per Unicode update.
 */
public final class GraphemeTableGenerator {
    private static final String[] CATEGORIES = {"XX", "CR", "LF", "CN", "EX", "ZWJ", "RI", "PP", "SM", "L", "V", "T", "LV", "LVT"};
    private static final int PICTOGRAPHIC = 14;
    private static final String[] CONJUNCT = {"None", "Consonant", "Extend", "Linker"};
    private static final int RANGES_PER_LINE = 12;

    private GraphemeTableGenerator() {
    }

    /**
     * Writes the generated source to the path given, or to standard output without one.
     *
     * @param args optionally, the file to write
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        String source = source();
        if (args.length == 0) {
            System.out.print(source);
        } else {
            Files.writeString(Path.of(args[0]), source, StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns the packed value of one code point, as described in the class comment.
     *
     * @param cp a code point
     * @return the category in bits 0-3 and Indic_Conjunct_Break in bits 4-5
     * @throws IllegalStateException for a property the engine does not expect
     */
    public static int value(int cp) {
        String gcb = UCharacter.getPropertyValueName(UProperty.GRAPHEME_CLUSTER_BREAK,
                UCharacter.getIntPropertyValue(cp, UProperty.GRAPHEME_CLUSTER_BREAK), UProperty.NameChoice.SHORT);
        String incb = UCharacter.getPropertyValueName(UProperty.INDIC_CONJUNCT_BREAK,
                UCharacter.getIntPropertyValue(cp, UProperty.INDIC_CONJUNCT_BREAK), UProperty.NameChoice.LONG);
        boolean pictographic = UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC);
        int category = indexOf(CATEGORIES, gcb, cp);
        int conjunct = indexOf(CONJUNCT, incb, cp);
        if (pictographic) {
            require(category == 0 && conjunct == 0, cp, "Extended_Pictographic outside GCB=Other, InCB=None");
            category = PICTOGRAPHIC;
        }
        require(conjunct != 1 || category == 0, cp, "InCB=Consonant outside GCB=Other");
        require(conjunct != 3 || category == 4, cp, "InCB=Linker outside GCB=Extend");
        require(conjunct != 2 || category == 4 || category == 5, cp, "InCB=Extend outside GCB=Extend or ZWJ");
        return category | conjunct << 4;
    }

    /**
     * Returns the whole generated Java source.
     *
     * @return the text of {@code GraphemeData.java}
     */
    public static String source() {
        StringBuilder table = new StringBuilder();
        int ranges = 0;
        int previous = -1;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int value = value(cp);
            if (value != previous) {
                table.append(ranges % RANGES_PER_LINE == 0 ? (ranges == 0 ? "        \"" : "\"\n        + \"") : "");
                table.append(String.format(Locale.ROOT, "%06X%02X", cp, value));
                ranges++;
                previous = value;
            }
        }
        table.append('"');
        String icu = VersionInfo.ICU_VERSION.getMajor() + "." + VersionInfo.ICU_VERSION.getMinor();
        VersionInfo u = UCharacter.getUnicodeVersion();
        String unicode = u.getMajor() + "." + u.getMinor() + "." + u.getMilli();
        return "package dev.chunking.strategy.internal;\n\n"
                + "// GENERATED FILE, do not edit. Generated by dev.chunking.benchmarks.GraphemeTableGenerator\n"
                + "// (chunking-benchmarks) from ICU4J " + icu + ", Unicode " + unicode + ". Regenerate from the repository root:\n"
                + "//   mvn -B -q -pl chunking-benchmarks -am package -DskipTests\n"
                + "//   java -cp chunking-benchmarks/target/benchmarks.jar dev.chunking.benchmarks.GraphemeTableGenerator \\\n"
                + "//       chunking-core/src/main/java/dev/chunking/strategy/internal/GraphemeData.java\n"
                + "// GraphemeDataTest checks this table against ICU4J for every code point.\n\n"
                + "/**\n"
                + " * Grapheme cluster properties of every code point for Unicode " + unicode + " (UAX #29), generated\n"
                + " * from ICU4J " + icu + ": {@link #ranges()} lists, as 8 hex digits each, the code point where a\n"
                + " * value starts (6 digits) and the value (2 digits): bits 0-3 the {@link Graphemes} category,\n"
                + " * bits 4-5 Indic_Conjunct_Break (0 None, 1 Consonant, 2 Extend, 3 Linker).\n"
                + " */\n"
                + "final class GraphemeData {\n"
                + "    /** The Unicode version of the table. */\n"
                + "    static final String UNICODE_VERSION = \"" + unicode + "\";\n"
                + "    /** The ICU4J version the table was generated from. */\n"
                + "    static final String ICU_VERSION = \"" + icu + "\";\n"
                + "    /** Number of ranges in {@link #ranges()}. */\n"
                + "    static final int RANGE_COUNT = " + ranges + ";\n"
                + "    /** Range starts and values, 8 hex digits per range, ascending; private, so it is not copied into callers. */\n"
                + "    private static final String RANGES =\n"
                + table + ";\n\n"
                + "    private GraphemeData() {\n"
                + "    }\n\n"
                + "    /**\n"
                + "     * Returns the table.\n"
                + "     *\n"
                + "     * @return range starts and values, 8 hex digits per range, ascending\n"
                + "     */\n"
                + "    static String ranges() {\n"
                + "        return RANGES;\n"
                + "    }\n"
                + "}\n";
    }

    private static int indexOf(String[] names, String name, int cp) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException(String.format(Locale.ROOT, "U+%04X: unexpected property value %s", cp, name));
    }

    private static void require(boolean condition, int cp, String what) {
        if (!condition) {
            throw new IllegalStateException(String.format(Locale.ROOT, "U+%04X: %s", cp, what));
        }
    }
}
