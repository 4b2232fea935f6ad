package dev.chunking.internal;

import dev.chunking.domain.PathRefusedException;
import dev.chunking.domain.PathRule;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
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
 * The file-system half of the path guard: follows a checked path from the base directory one
 * component at a time without letting the system follow any link, follows each symbolic link
 * itself only while its target stays inside the base, and opens a resolved file again along
 * its real path with no link followed at all. Stateless; thread-safe.
 */
public final class PathWalk {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** Where a path led: the real path inside the base and the attributes of what is there. */
    public record Found(Path real, BasicFileAttributes attributes) {
        /** Checks the components. */
        public Found {
            Objects.requireNonNull(real, "real");
            Objects.requireNonNull(attributes, "attributes");
        }
    }

    private PathWalk() {
    }

    /**
     * Follows the segments from the base.
     *
     * @param argument the path as given, for messages
     * @param base the base directory's real path
     * @param segments the checked segments of the path
     * @param maxLinkHops most symbolic links to follow
     * @return the real path, free of links, and the attributes of the file there
     * @throws PathRefusedException for a missing component, an escaping link, a loop or an unreadable component
     */
    public static Found resolve(String argument, Path base, List<String> segments, int maxLinkHops) {
        Deque<String> todo = new ArrayDeque<>(segments);
        Path current = base;
        BasicFileAttributes attributes = read(argument, base);
        int hops = 0;
        while (!todo.isEmpty()) {
            String segment = todo.removeFirst();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (!attributes.isDirectory()) {
                throw new PathRefusedException(argument, PathRule.NOT_FOUND, "a component of the path is a file, not a directory");
            }
            if (segment.equals("..")) { // only from a link's target: current is real, so its parent is the real parent
                Path parent = current.getParent();
                if (current.equals(base) || parent == null) {
                    throw new PathRefusedException(argument, PathRule.SYMLINK_ESCAPE, "keep links pointing inside the base directory");
                }
                current = parent;
                attributes = read(argument, current);
                continue;
            }
            Path next = current.resolve(segment);
            BasicFileAttributes a = read(argument, next);
            if (!a.isSymbolicLink()) {
                current = next;
                attributes = a;
                continue;
            }
            if (++hops > maxLinkHops) {
                throw new PathRefusedException(argument, PathRule.LINK_LOOP, "more than " + maxLinkHops
                        + " links (maxLinkHops); remove the loop");
            }
            Path target = readLink(argument, next);
            List<String> targetSegments = new ArrayList<>();
            if (target.isAbsolute()) {
                Path normal = target.normalize();
                if (!normal.startsWith(base)) {
                    throw new PathRefusedException(argument, PathRule.SYMLINK_ESCAPE, "keep links pointing inside the base directory");
                }
                current = base;
                attributes = read(argument, base);
                target = base.relativize(normal);
            }
            for (Path name : target) {
                targetSegments.add(name.toString());
            }
            for (int i = targetSegments.size() - 1; i >= 0; i--) {
                todo.addFirst(targetSegments.get(i));
            }
        }
        return new Found(current, attributes);
    }

    /**
     * Opens a resolved file for reading along its real path, inside the base, following no
     * link: a component that became a link, or a file that is no longer the one checked, is
     * refused. Uses {@link SecureDirectoryStream} (openat with O_NOFOLLOW) where the platform
     * has it, so the check is not fooled by a swap between one component and the next.
     *
     * @param argument the path as given, for messages
     * @param base the base directory's real path
     * @param found what {@link #resolve} found
     * @param allowSpecial whether a device, FIFO or socket may be opened
     * @return a channel positioned at 0, which the caller closes
     * @throws PathRefusedException with {@link PathRule#CHANGED_DURING_CHECK} when the path changed
     * @throws IOException if reading fails otherwise
     */
    public static SeekableByteChannel open(String argument, Path base, Found found, boolean allowSpecial) throws IOException {
        Path relative = base.relativize(found.real());
        if (relative.getNameCount() == 0 || relative.toString().isEmpty()) {
            throw new PathRefusedException(argument, PathRule.NOT_A_FILE, "name a file under the base directory");
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            DirectoryStream<Path> root = Files.newDirectoryStream(base);
            opened.add(root);
            if (!(root instanceof SecureDirectoryStream)) {
                return openWithoutSecureStream(argument, base, relative, found, allowSpecial);
            }
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> dir = (SecureDirectoryStream<Path>) root;
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                dir = dir.newDirectoryStream(relative.getName(i), LinkOption.NOFOLLOW_LINKS);
                opened.add(dir);
            }
            Path name = relative.getFileName();
            BasicFileAttributes now = dir.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
            checkSame(argument, found, now, allowSpecial);
            return dir.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (AccessDeniedException e) {
            throw new PathRefusedException(argument, PathRule.UNREADABLE, "check the permissions under the base directory");
        } catch (IOException e) {
            // ELOOP or ENOTDIR from O_NOFOLLOW, or the file gone, along a path that passed its check a moment ago:
            // something was swapped after the check
            throw new PathRefusedException(argument, PathRule.CHANGED_DURING_CHECK, "try again once the file stays put");
        } finally {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a directory handle that was only read cannot lose data
                }
            }
        }
    }

    /** Without openat: checks each component again just before opening the file with O_NOFOLLOW. */
    private static SeekableByteChannel openWithoutSecureStream(String argument, Path base, Path relative, Found found,
                                                               boolean allowSpecial) throws IOException {
        Path current = base;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            current = current.resolve(relative.getName(i));
            if (!Files.readAttributes(current, BasicFileAttributes.class, NO_FOLLOW).isDirectory()) {
                throw new PathRefusedException(argument, PathRule.CHANGED_DURING_CHECK, "try again once the file stays put");
            }
        }
        checkSame(argument, found, Files.readAttributes(found.real(), BasicFileAttributes.class, NO_FOLLOW), allowSpecial);
        return Files.newByteChannel(found.real(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    private static void checkSame(String argument, Found found, BasicFileAttributes now, boolean allowSpecial) {
        boolean fileLike = now.isRegularFile() || allowSpecial && now.isOther();
        if (!fileLike || !Objects.equals(now.fileKey(), found.attributes().fileKey())) {
            throw new PathRefusedException(argument, PathRule.CHANGED_DURING_CHECK, "try again once the file stays put");
        }
    }

    private static BasicFileAttributes read(String argument, Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
        } catch (NoSuchFileException e) {
            throw new PathRefusedException(argument, PathRule.NOT_FOUND, "check the path");
        } catch (AccessDeniedException e) {
            throw new PathRefusedException(argument, PathRule.UNREADABLE, "check the permissions under the base directory");
        } catch (FileSystemException e) {
            throw new PathRefusedException(argument, PathRule.NOT_FOUND, "check the path"); // e.g. ENOTDIR, ENAMETOOLONG
        } catch (IOException e) {
            throw new PathRefusedException(argument, PathRule.UNREADABLE, "check the file system");
        }
    }

    private static Path readLink(String argument, Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            throw new PathRefusedException(argument, PathRule.CHANGED_DURING_CHECK, "try again once the file stays put");
        }
    }
}
