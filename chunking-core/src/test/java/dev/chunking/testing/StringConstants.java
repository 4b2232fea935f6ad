package dev.chunking.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/** Reads the public static {@code String} constants of a class, for tests that pin names such as metadata keys. */
public final class StringConstants {
    private StringConstants() {
    }

    /**
     * The public static {@code String} fields of a class (its own and inherited), by field name.
     *
     * @param type the class
     * @return field name to value, in field-name order; a mutable copy
     */
    public static Map<String, String> of(Class<?> type) {
        Map<String, String> constants = new TreeMap<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    constants.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError("public field " + field + " cannot be read", e);
                }
            }
        }
        return constants;
    }
}
