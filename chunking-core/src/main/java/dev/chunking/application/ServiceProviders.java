package dev.chunking.application;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Loads the providers of one service through {@link ServiceLoader} one by one, so that a
 * broken one (a {@code META-INF/services} line naming a class that is missing, not a subtype,
 * or whose constructor throws) is reported in one line naming the class and the jar or
 * directory that registered it, and the others still load. Stateless.
 */
final class ServiceProviders {
    /** After this many failures in a row the loader is taken to be stuck on one entry and loading stops. */
    private static final int MAX_FAILURES = 100;

    private ServiceProviders() {
    }

    /**
     * Loads every provider of a service that can be loaded.
     *
     * @param service the service interface
     * @param loader where to look
     * @param broken told one line for each provider that cannot be loaded; may throw to stop
     * @param <T> the service type
     * @return the providers that loaded, in the loader's order
     */
    static <T> List<T> load(Class<T> service, ClassLoader loader, Consumer<String> broken) {
        List<T> providers = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(service, loader).iterator();
        int failures = 0;
        String previous = null;
        while (true) {
            try {
                if (!it.hasNext()) {
                    return providers;
                }
                providers.add(it.next());
                failures = 0;
            } catch (ServiceConfigurationError | LinkageError e) { // LinkageError: a class the provider needs is missing
                String message = describe(service, loader, e);
                if (message.equals(previous) || ++failures > MAX_FAILURES) {
                    return providers; // the iterator cannot get past this entry
                }
                previous = message;
                broken.accept(message);
            }
        }
    }

    /** One line: the plugin kind, the class, the jar or directory, what went wrong and what to do. */
    private static String describe(Class<?> service, ClassLoader loader, Error e) {
        Map<String, String> registeredBy = registrations(service, loader);
        String provider = null;
        String text = String.valueOf(e.getMessage());
        for (String name : registeredBy.keySet()) { // the longest registered class name the JDK's message holds
            if (text.contains(name) && (provider == null || name.length() > provider.length())) {
                provider = name;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = e instanceof LinkageError ? "a class it needs cannot be loaded (" + oneLine(e) + ")"
                : text.contains(" not found") ? "class not found"
                : text.contains("not a subtype") ? "class is not a " + service.getSimpleName()
                : text.contains("could not be instantiated") || root != e ? "its constructor threw " + oneLine(root)
                : oneLine(e);
        String where = provider == null ? "" : " registered by " + registeredBy.get(provider);
        return "cannot load " + service.getSimpleName() + " provider " + (provider == null ? "(unknown class)" : provider) + where
                + ": " + reason + "; fix or remove that jar (e.g. from CHUNK_CLASSPATH)";
    }

    private static String oneLine(Throwable t) {
        return (t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage())).replaceAll("\\s+", " ");
    }

    /** The provider class names of every {@code META-INF/services} file of the service → the jar or directory that holds it. */
    private static Map<String, String> registrations(Class<?> service, ClassLoader loader) {
        Map<String, String> names = new LinkedHashMap<>();
        try {
            Enumeration<URL> files = loader == null ? ClassLoader.getSystemResources("META-INF/services/" + service.getName())
                    : loader.getResources("META-INF/services/" + service.getName());
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                String origin = origin(file);
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        String name = line.replaceFirst("#.*", "").trim();
                        if (!name.isEmpty()) {
                            names.putIfAbsent(name, origin);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the names are for the message only: without them it names the class as the JDK does
        }
        return names;
    }

    /** The jar file or the class directory that a services file lies in, as a path when it is a local file. */
    private static String origin(URL file) {
        String url = file.toString();
        int bang = url.indexOf("!/");
        int at = url.lastIndexOf("META-INF/services/");
        String container = url.startsWith("jar:") && bang > 0 ? url.substring("jar:".length(), bang)
                : at > 0 ? url.substring(0, at) : url;
        try {
            URI uri = new URI(container);
            return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : container;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return container;
        }
    }
}
