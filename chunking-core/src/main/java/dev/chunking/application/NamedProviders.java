package dev.chunking.application;

import dev.chunking.domain.DuplicatePluginException;
import dev.chunking.domain.UnknownPluginException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Providers indexed by their stable name, sorted by name; duplicate names are refused naming
 * both classes. Immutable and thread-safe once built.
 *
 * @param <T> the provider type
 */
final class NamedProviders<T> {
    private final String kind;
    private final String hint;
    private final Map<String, T> byName;

    /**
     * Indexes providers by name.
     *
     * @param kind what the providers are, for messages ("strategy", "token counter", "embedder")
     * @param providers the providers
     * @param name how to get a provider's name
     * @throws DuplicatePluginException if two providers share a name
     */
    NamedProviders(String kind, Iterable<? extends T> providers, Function<T, String> name) {
        this(kind, providers, name, "");
    }

    /**
     * Indexes providers by name, with a hint for a name that is missing.
     *
     * @param hint appended to the message of an unknown name (where such providers come from)
     */
    NamedProviders(String kind, Iterable<? extends T> providers, Function<T, String> name, String hint) {
        this.kind = kind;
        this.hint = hint;
        Map<String, T> map = new TreeMap<>();
        for (T provider : providers) {
            String key = name.apply(provider);
            T previous = map.putIfAbsent(key, provider);
            if (previous != null) {
                throw new DuplicatePluginException(kind, key, previous.getClass().getName(), provider.getClass().getName());
            }
        }
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * Returns the provider with a name.
     *
     * @param name the name
     * @return the provider
     * @throws UnknownPluginException listing the known names if there is none
     */
    T get(String name) {
        T provider = byName.get(name);
        if (provider == null) {
            throw new UnknownPluginException(kind, name, byName.keySet(), hint);
        }
        return provider;
    }

    /**
     * Returns all providers sorted by name.
     *
     * @return an unmodifiable list
     */
    List<T> all() {
        return List.copyOf(byName.values());
    }
}
