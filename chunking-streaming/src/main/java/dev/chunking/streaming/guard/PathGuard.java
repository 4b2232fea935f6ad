package dev.chunking.streaming.guard;

import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.spi.DocumentSource;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The last line of defence between a user-supplied file name and the file system: resolves a
 * path against an allowed base directory and returns the real path of a file inside it, or
 * refuses with a {@link PathRefusedException} naming the {@link PathRule} broken. Nothing outside
 * the base is ever read, not even partly.
 *
 * <p>The text is checked first, without touching the file system: empty or too long; malformed,
 * control (NUL, CR, LF...) and invisible chars (right-to-left override, byte order mark,
 * zero-width); look-alikes of {@code .}, {@code /} and {@code \} after NFKC normalisation;
 * URIs, absolute paths, home ({@code ~}, {@code ~user}), Windows drives, UNC prefixes and
 * backslashes; {@code ..} in any position and segments of only dots and spaces; and the same
 * again under up to three layers of percent-encoding ({@code %2e%2e%2f}, {@code %252e...},
 * {@code %u002e}), with overlong UTF-8 forms such as {@code %c0%ae}. Ordinary names pass: dots
 * inside names, spaces, brackets, {@code @}, non-ASCII names. A file whose real name contains a
 * percent-encoded traversal (such as {@code a%2F..%2Fb}) is refused too: the guard cannot tell
 * it from an attack.
 *
 * <p>The path is then followed from the base one component at a time, with no link followed by
 * the system: each symbolic link is read and followed by the guard while its target stays
 * inside the base (links inside links too, up to {@code maxLinkHops}); a target outside, even on
 * the way back in, is refused. Directories, special files (unless allowed), extensions not
 * allowed, and files over {@code maxFileBytes} are refused. {@link #open} and {@link #source}
 * then open the real path that was checked, one directory at a time with {@code O_NOFOLLOW}
 * ({@link java.nio.file.SecureDirectoryStream}), and refuse with {@link PathRule#CHANGED_DURING_CHECK}
 * when a component became a link or the file another file in between.
 *
 * <p>A refusal message names the argument (escaped) and the rule, never a link's target. A check
 * takes microseconds on a warm JVM (see {@code PathGuardBenchmark}). Immutable and thread-safe.
 *
 * <p>What it does not do: it confines names, not inodes. A hard link inside the base to a file
 * elsewhere is a file inside the base (Linux's {@code fs.protected_hardlinks} keeps users from
 * linking files they do not own). The identity check around the opening compares file keys by
 * name, as Java 17 cannot {@code fstat} an open channel: a writer in the base who swaps the last
 * name within the microseconds of the opening can still put another file of the base there, or a
 * FIFO, whose opening then blocks until a writer comes. Read what a user names only through
 * {@link #open} or {@link #source}: the path {@link #resolve} returns is right when checked, and a
 * later open by path follows whatever links are there by then. The guard needs
 * {@link java.nio.file.SecureDirectoryStream} and file keys (Linux has both); elsewhere
 * {@link #of} fails closed with a {@link dev.chunking.domain.ChunkingException}.
 */
public final class PathGuard {
    private final Path base;
    private final PathGuardOptions options;
    private final Runnable betweenCheckAndOpen;

    private PathGuard(Path base, PathGuardOptions options, Runnable betweenCheckAndOpen) {
        this.base = base;
        this.options = options;
        this.betweenCheckAndOpen = betweenCheckAndOpen;
    }

    /**
     * Creates a guard with the default options.
     *
     * @param base the allowed base directory; resolved to its real path now
     * @return the guard
     * @throws InvalidOptionsException if the base is not an existing directory
     */
    public static PathGuard of(Path base) {
        return of(base, PathGuardOptions.defaults());
    }

    /**
     * Creates a guard.
     *
     * @param base the allowed base directory; resolved to its real path now, so a link to it is fine
     * @param options the limits
     * @return the guard
     * @throws InvalidOptionsException if the base is not an existing directory
     */
    public static PathGuard of(Path base, PathGuardOptions options) {
        return new PathGuard(realBase(base), Objects.requireNonNull(options, "options"), () -> { });
    }

    /** A guard that runs {@code hook} between the check and the opening: for tests of what a swap there does. */
    static PathGuard withHook(Path base, PathGuardOptions options, Runnable hook) {
        return new PathGuard(realBase(base), options, hook);
    }

    private static Path realBase(Path base) {
        Objects.requireNonNull(base, "base");
        try {
            Path real = base.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new InvalidOptionsException("path guard: base " + base + " is not a directory; give the directory"
                        + " that user paths are relative to");
            }
            PathWalk.requireSecurePlatform(real);
            return real;
        } catch (IOException e) {
            throw new InvalidOptionsException("path guard: base " + base + " cannot be read (" + e.getClass().getSimpleName()
                    + "); give an existing directory");
        }
    }

    /**
     * Returns the base directory's real path.
     *
     * @return the base
     */
    public Path base() {
        return base;
    }

    /**
     * Returns the limits.
     *
     * @return the options
     */
    public PathGuardOptions options() {
        return options;
    }

    /**
     * Checks a path and returns the real path of the file it names.
     *
     * @param argument the path as the user gave it, relative to the base
     * @return the real path, inside the base, free of links
     * @throws PathRefusedException naming the first rule the path broke
     */
    public Path resolve(String argument) {
        return check(argument).real();
    }

    /**
     * Checks several paths, refusing more than {@code maxPaths} up front.
     *
     * @param arguments the paths as the user gave them
     * @return their real paths, in order
     * @throws PathRefusedException for too many paths, or for the first path refused
     */
    public List<Path> resolveAll(List<String> arguments) {
        checkPathCount(arguments.size());
        List<Path> paths = new ArrayList<>(arguments.size());
        for (String argument : arguments) {
            paths.add(resolve(argument));
        }
        return paths;
    }

    /**
     * Refuses a call with more paths than {@code maxPaths}, for callers that check each path on
     * its own.
     *
     * @param count how many paths the call has
     * @throws PathRefusedException with {@link PathRule#TOO_MANY_PATHS} over the limit
     */
    public void checkPathCount(int count) {
        if (count > options.maxPaths()) {
            throw new PathRefusedException(count + " paths", PathRule.TOO_MANY_PATHS, count + " paths is more than the limit of "
                    + options.maxPaths() + " (maxPaths); pass fewer per call");
        }
    }

    /**
     * Checks a path and opens the file for reading, along the real path that was checked and
     * following no link.
     *
     * @param argument the path as the user gave it
     * @return a channel at offset 0, which the caller closes
     * @throws PathRefusedException naming the rule, {@link PathRule#CHANGED_DURING_CHECK} when the path changed after its check
     * @throws IOException if reading fails otherwise
     */
    public SeekableByteChannel open(String argument) throws IOException {
        return open(argument, check(argument));
    }

    /**
     * Checks a path now and returns it as a {@link DocumentSource}: each {@code open} opens the
     * checked real path again as {@link #open} does, so a run resumed later still reads nothing
     * but that file.
     *
     * @param argument the path as the user gave it
     * @return the source, named by the argument
     * @throws PathRefusedException naming the rule
     */
    public DocumentSource source(String argument) {
        return new GuardedSource(this, argument, check(argument));
    }

    SeekableByteChannel open(String argument, PathWalk.Found found) throws IOException {
        betweenCheckAndOpen.run();
        return PathWalk.open(argument, base, found, options.allowSpecialFiles(), options.maxFileBytes());
    }

    /** Every rule, in order: the text, then the file system. */
    PathWalk.Found check(String argument) {
        if (argument == null) {
            throw new PathRefusedException("", PathRule.EMPTY, "pass a path, not null");
        }
        List<String> segments = PathText.segments(argument, options.maxPathLength());
        PathWalk.Found found = PathWalk.resolve(argument, base, segments, options.maxLinkHops(), options.maxPathLength());
        BasicFileAttributes a = found.attributes();
        if (a.isDirectory()) {
            throw new PathRefusedException(argument, PathRule.NOT_A_FILE, "name the files in it");
        }
        if (!a.isRegularFile() && !options.allowSpecialFiles()) {
            throw new PathRefusedException(argument, PathRule.SPECIAL_FILE, "only regular files are read unless allowSpecialFiles is set");
        }
        if (!options.allowedExtensions().isEmpty()) {
            Path fileName = found.real().getFileName(); // null only for a root, which is a directory and refused above
            String name = fileName == null ? "" : fileName.toString();
            int dot = name.lastIndexOf('.');
            String extension = dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (!options.allowedExtensions().contains(extension)) {
                throw new PathRefusedException(argument, PathRule.EXTENSION, "allowed: " + options.allowedExtensions()
                        + " (allowedExtensions)");
            }
        }
        if (a.isRegularFile() && a.size() > options.maxFileBytes()) {
            throw new PathRefusedException(argument, PathRule.FILE_TOO_LARGE, "it has " + a.size() + " bytes, more than the limit of "
                    + options.maxFileBytes() + " (maxFileBytes)");
        }
        return found;
    }
}
