package dev.chunking.testing;

/**
 * UTF-8 decoding with "U+FFFD substitution of maximal subparts" (Unicode 13, section 3.9),
 * written straight from the table of well-formed byte sequences, as an oracle for tests. The
 * JDK agrees except for encoded surrogates ({@code ED A0..BF ..}), which it replaces by a
 * single U+FFFD where the standard recommends one per byte.
 */
public final class Utf8Reference {
    private Utf8Reference() {
    }

    /** Decodes, replacing each maximal ill-formed subpart by U+FFFD. */
    public static String decodeReplacing(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < bytes.length) {
            int b0 = bytes[i] & 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                lo = b0 == 0xE0 ? 0xA0 : 0x80;
                hi = b0 == 0xED ? 0x9F : 0xBF;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                lo = b0 == 0xF0 ? 0x90 : 0x80;
                hi = b0 == 0xF4 ? 0x8F : 0xBF;
            } else {
                out.append('\ufffd');
                i++;
                continue;
            }
            int cp = b0 & (0x3F >> need);
            int k = 1;
            while (k <= need && i + k < bytes.length) {
                int b = bytes[i + k] & 0xFF;
                if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
                    break;
                }
                cp = cp << 6 | (b & 0x3F);
                k++;
            }
            if (k == need + 1) {
                out.appendCodePoint(cp);
            } else {
                out.append('\ufffd');
            }
            i += k;
        }
        return out.toString();
    }
}
