package dev.chunking.streaming.guard;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The file-system half of the path guard. Every step goes through an open handle of the
 * directory it is in ({@link SecureDirectoryStream}: {@code openat} and {@code fstatat} with
 * {@code O_NOFOLLOW}), never through a whole path, so a directory swapped for a link while the
 * walk runs is not followed and tells nothing about what lies outside. Symbolic links are read
 * and followed by the walk itself, only while they stay inside the base. Stateless; thread-safe.
 */
final class PathWalk {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final String RETRY = "try again once the file stays put";
    private static final String UNSUPPORTED = "path guard: this platform's JDK offers no SecureDirectoryStream (openat) or no"
            + " file keys, so files cannot be opened without following links; run on Linux, or check paths another way";

    /** Where a path led: the real path inside the base and the attributes of what is there. */
    record Found(Path real, BasicFileAttributes attributes) {
        /** Checks the components. */
        Found {
            Objects.requireNonNull(real, "real");
            Objects.requireNonNull(attributes, "attributes");
        }
    }

    private PathWalk() {
    }

    /**
     * Refuses a platform whose JDK cannot open a directory entry relative to a directory handle
     * without following links ({@code openat}), or that has no file identities: there the guard
     * could not keep its promise, so it fails closed.
     *
     * @param base the base directory's real path
     * @throws PathGuardUnsupportedException on such a platform
     * @throws IOException if the base cannot be read
     */
    static void requireSecurePlatform(Path base) throws IOException {
        try (SecureDirectoryStream<Path> dir = openBase(base)) {
            if (directoryAttributes(dir).fileKey() == null) {
                throw new PathGuardUnsupportedException(UNSUPPORTED);
            }
        }
    }

    /**
     * Follows the segments from the base, one directory handle at a time.
     *
     * @param argument the path as given, for messages
     * @param base the base directory's real path
     * @param segments the checked segments of the path
     * @param maxLinkHops most symbolic links to follow
     * @param maxSteps most segments to walk, those of link targets included
     * @return the real path, free of links, and the attributes of the file there
     * @throws PathRefusedException for a missing component, an escaping link, a loop or an unreadable component
     */
    static Found resolve(String argument, Path base, List<String> segments, int maxLinkHops, int maxSteps) {
        List<SecureDirectoryStream<Path>> handles = new ArrayList<>(); // handles.get(k): the directory names[0..k) lead to
        List<Path> names = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(segments);
        try {
            handles.add(openBase(base));
            BasicFileAttributes attributes = directoryAttributes(handles.get(0));
            int hops = 0;
            int steps = 0;
            while (!todo.isEmpty()) {
                String segment = todo.removeFirst();
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                if (++steps > maxSteps) {
                    throw new PathRefusedException(argument, PathRule.LINK_LOOP, "more than " + maxSteps + " steps to walk");
                }
                if (!attributes.isDirectory()) {
                    throw new PathRefusedException(argument, PathRule.NOT_FOUND, "a component of the path is a file, not a directory");
                }
                if (segment.equals("..")) { // only from a link's target
                    if (names.isEmpty()) {
                        throw new PathRefusedException(argument, PathRule.SYMLINK_ESCAPE, "keep links pointing inside the base directory");
                    }
                    names.remove(names.size() - 1);
                    handles.remove(handles.size() - 1).close();
                    attributes = directoryAttributes(handles.get(handles.size() - 1));
                    continue;
                }
                Path name = name(argument, base, segment);
                SecureDirectoryStream<Path> dir = handles.get(handles.size() - 1);
                BasicFileAttributes a = dir.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
                if (a.isSymbolicLink()) {
                    if (++hops > maxLinkHops) {
                        throw new PathRefusedException(argument, PathRule.LINK_LOOP, "more than " + maxLinkHops
                                + " links (maxLinkHops); remove the loop");
                    }
                    Path target = Files.readSymbolicLink(join(base, names).resolve(name)); // only its text is used
                    if (target.isAbsolute()) {
                        if (!target.startsWith(base)) {
                            throw new PathRefusedException(argument, PathRule.SYMLINK_ESCAPE, "keep links pointing inside the base directory");
                        }
                        while (handles.size() > 1) {
                            handles.remove(handles.size() - 1).close();
                        }
                        names.clear();
                        attributes = directoryAttributes(handles.get(0));
                        // the rest below the base, not normalised: '..' in it is walked, and refused at the base
                        target = target.getNameCount() == base.getNameCount() ? Path.of("")
                                : target.subpath(base.getNameCount(), target.getNameCount());
                    }
                    List<String> parts = new ArrayList<>();
                    for (Path part : target) {
                        parts.add(part.toString());
                    }
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        todo.addFirst(parts.get(i));
                    }
                    continue;
                }
                if (a.isDirectory()) {
                    handles.add(dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
                }
                names.add(name);
                attributes = a;
            }
            return new Found(join(base, names), attributes);
        } catch (NoSuchFileException e) {
            throw new PathRefusedException(argument, PathRule.NOT_FOUND, "check the path");
        } catch (AccessDeniedException e) {
            throw new PathRefusedException(argument, PathRule.UNREADABLE, "check the permissions under the base directory");
        } catch (FileSystemException e) {
            // ENOTDIR, ELOOP from O_NOFOLLOW on a name that became a link, ENAMETOOLONG: not a file this path leads to
            throw new PathRefusedException(argument, PathRule.NOT_FOUND, "check the path");
        } catch (IOException e) {
            throw new PathRefusedException(argument, PathRule.UNREADABLE, "check the file system");
        } finally {
            closeAll(handles);
        }
    }

    /**
     * Opens a resolved file for reading along its real path, inside the base, one directory
     * handle at a time with no link followed; checks before and after the open that the name
     * still holds the file that was checked (same file key, still a regular file unless special
     * files are allowed, still within {@code maxFileBytes}).
     *
     * @param argument the path as given, for messages
     * @param base the base directory's real path
     * @param found what {@link #resolve} found
     * @param allowSpecial whether a device, FIFO or socket may be opened
     * @param maxFileBytes the largest file accepted
     * @return a channel positioned at 0, which the caller closes
     * @throws PathRefusedException with {@link PathRule#CHANGED_DURING_CHECK} when the path changed
     * @throws IOException if reading fails otherwise
     */
    static SeekableByteChannel open(String argument, Path base, Found found, boolean allowSpecial, long maxFileBytes)
            throws IOException {
        Path relative = base.relativize(found.real());
        if (relative.toString().isEmpty()) {
            throw new PathRefusedException(argument, PathRule.NOT_A_FILE, "name a file under the base directory");
        }
        List<SecureDirectoryStream<Path>> handles = new ArrayList<>();
        try {
            handles.add(openBase(base));
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                handles.add(handles.get(i).newDirectoryStream(relative.getName(i), LinkOption.NOFOLLOW_LINKS));
            }
            SecureDirectoryStream<Path> dir = handles.get(handles.size() - 1);
            Path name = relative.getFileName();
            BasicFileAttributeView view = dir.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW);
            checkSame(argument, found, view.readAttributes(), allowSpecial, maxFileBytes);
            SeekableByteChannel channel = dir.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
            try {
                checkSame(argument, found, view.readAttributes(), allowSpecial, maxFileBytes); // not swapped while it opened
                return channel;
            } catch (RuntimeException | IOException e) {
                channel.close();
                throw e;
            }
        } catch (PathRefusedException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new PathRefusedException(argument, PathRule.UNREADABLE, "check the permissions under the base directory");
        } catch (FileSystemException e) {
            // ELOOP or ENOTDIR from O_NOFOLLOW, or the file gone, along a path that passed its check a moment ago
            throw new PathRefusedException(argument, PathRule.CHANGED_DURING_CHECK, RETRY);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("symbolic link")) { // ELOOP, as some JDK paths report it
                throw new PathRefusedException(argument, PathRule.CHANGED_DURING_CHECK, RETRY);
            }
            throw e; // a real I/O failure (EMFILE, EIO): not the path's fault
        } finally {
            closeAll(handles);
        }
    }

    private static void checkSame(String argument, Found found, BasicFileAttributes now, boolean allowSpecial, long maxFileBytes) {
        boolean fileLike = now.isRegularFile() || allowSpecial && now.isOther();
        if (!fileLike || now.isRegularFile() != found.attributes().isRegularFile()
                || !Objects.equals(now.fileKey(), found.attributes().fileKey())) {
            throw new PathRefusedException(argument, PathRule.CHANGED_DURING_CHECK, RETRY);
        }
        if (now.isRegularFile() && now.size() > maxFileBytes) {
            throw new PathRefusedException(argument, PathRule.FILE_TOO_LARGE, "it has " + now.size() + " bytes, more than the limit of "
                    + maxFileBytes + " (maxFileBytes)");
        }
    }

    @SuppressWarnings("unchecked")
    private static SecureDirectoryStream<Path> openBase(Path base) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(base);
        if (!(stream instanceof SecureDirectoryStream)) {
            stream.close();
            throw new PathGuardUnsupportedException(UNSUPPORTED);
        }
        return (SecureDirectoryStream<Path>) stream;
    }

    private static BasicFileAttributes directoryAttributes(SecureDirectoryStream<Path> dir) throws IOException {
        return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    }

    /** A segment as a one-name path; a name the file system cannot hold (e.g. in a non-UTF-8 locale) names no file. */
    private static Path name(String argument, Path base, String segment) {
        try {
            return base.getFileSystem().getPath(segment);
        } catch (InvalidPathException e) {
            throw new PathRefusedException(argument, PathRule.NOT_FOUND, "the file system cannot hold this name (check the locale:"
                    + " LANG or LC_ALL should be a UTF-8 one)");
        }
    }

    private static Path join(Path base, List<Path> names) {
        Path p = base;
        for (Path name : names) {
            p = p.resolve(name);
        }
        return p;
    }

    private static void closeAll(List<? extends AutoCloseable> handles) {
        for (AutoCloseable c : handles) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a directory handle that was only read cannot lose data
            }
        }
    }
}
