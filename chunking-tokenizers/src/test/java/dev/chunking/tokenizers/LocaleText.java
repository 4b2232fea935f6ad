package dev.chunking.tokenizers;

import java.text.DateFormatSymbols;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Real words in many scripts, generated from the JDK's own locale data (CLDR, shipped with every
 * JDK), so the multilingual token-count test needs no file beside the repository and none
 * committed: for each language the JDK knows, a heading with the language's own name, then in
 * that language the month and weekday names, the names of every other country and a formatted amount,
 * and an emoji line (ZWJ sequences, skin tones, flags, keycaps). Latin, Cyrillic, Greek, Arabic,
 * Hebrew, Devanagari, Bengali, Thai, Ethiopic, Han, Kana, Hangul and more appear; the order is
 * fixed (languages sorted by tag), so the text is the same on every run of one JDK.
 */
final class LocaleText {
    private static final List<String> EMOJI = List.of("\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66",
            "\ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb", "\ud83c\udff3\ufe0f\u200d\ud83c\udf08", "\ud83e\uddd1\ud83c\udfff\u200d\ud83e\udd1d\u200d\ud83e\uddd1\ud83c\udffb",
            "\ud83c\uddef\ud83c\uddf5", "\ud83c\uddfa\ud83c\udde6", "\ud83d\udc4b\ud83c\udffe", "1\ufe0f\u20e3", "\u2764\ufe0f\u200d\ud83d\udd25",
            "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f");

    private LocaleText() {
    }

    /**
     * The text: on JDK 17, 212 languages in 362,661 chars (485,614 bytes of UTF-8).
     *
     * @return whole lines, each ending in a line feed
     */
    static String text() {
        Locale[] languages = Arrays.stream(Locale.getAvailableLocales())
                .filter(l -> !l.getLanguage().isEmpty() && l.getCountry().isEmpty() && l.getScript().isEmpty() && l.getVariant().isEmpty())
                .sorted(Comparator.comparing(Locale::toLanguageTag)).toArray(Locale[]::new);
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (Locale language : languages) {
            DateFormatSymbols symbols = DateFormatSymbols.getInstance(language);
            text.append("## ").append(language.getDisplayName(language)).append(" (").append(language.toLanguageTag()).append(")\n\n");
            text.append(String.join(" ", symbols.getMonths()).strip()).append(".\n");
            text.append(String.join(" ", symbols.getWeekdays()).strip()).append(".\n\n");
            StringBuilder countries = new StringBuilder();
            String[] codes = Locale.getISOCountries();
            for (int i = n % 2; i < codes.length; i += 2) {
                String country = codes[i];
                countries.append(countries.length() == 0 ? "" : ", ").append(new Locale("", country).getDisplayCountry(language));
            }
            text.append(countries).append(". ").append(NumberFormat.getCurrencyInstance(language).format(1234567.891)).append("\n\n");
            text.append(EMOJI.get(n++ % EMOJI.size())).append(' ').append(EMOJI.get(n % EMOJI.size())).append("\n\n");
        }
        return text.toString();
    }
}
