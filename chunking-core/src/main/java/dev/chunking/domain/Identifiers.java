package dev.chunking.domain;

/** Shared validation for the identifier records; not part of the API. */
final class Identifiers {
    /** Longest identifier accepted, in UTF-16 chars; keeps keys and file names manageable. */
    static final int MAX_LENGTH = 512;

    private Identifiers() {
    }

    static String check(String kind, String value) {
        if (value == null) {
            throw new InvalidOptionsException(kind + " must not be null");
        }
        if (value.isBlank()) {
            throw new InvalidOptionsException(kind + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidOptionsException(kind + " is " + value.length() + " chars long, more than the limit of "
                    + MAX_LENGTH + "; use a shorter id");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidOptionsException(kind + " contains control character U+"
                        + String.format("%04X", (int) value.charAt(i)) + " at index " + i + "; remove it");
            }
        }
        return value;
    }
}
