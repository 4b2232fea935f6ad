package dev.chunking.streaming.guard;

/**
 * The rules a {@link dev.chunking.streaming.guard.PathGuard} checks a user-supplied path against,
 * in the order it checks them; a refusal names the first rule the path broke. Each rule has a
 * short description of what it refuses, for messages. Immutable and thread-safe.
 */
public enum PathRule {
    /** More paths in one call than {@code maxPaths} allows. */
    TOO_MANY_PATHS("more paths in one call than the limit"),
    /** The empty string, which names no file. */
    EMPTY("the path is empty"),
    /** Longer than {@code maxPathLength} chars. */
    TOO_LONG("the path is longer than the limit"),
    /** A lone surrogate or another char that is not a well-formed code point. */
    MALFORMED("the path holds a char that is not a well-formed Unicode code point"),
    /** NUL, CR, LF, tab or any other C0 or C1 control character, or DEL. */
    CONTROL_CHARACTER("the path holds a control character (NUL, CR, LF or another)"),
    /** Invisible format characters: bidirectional overrides and isolates, byte order marks, zero-width chars. */
    INVISIBLE_CHARACTER("the path holds an invisible format character (right-to-left override, byte order mark, zero-width char)"),
    /** A char whose NFKC form is or holds {@code .}, {@code /} or {@code \}, such as a full-width full stop, or a slash look-alike. */
    LOOKALIKE("the path holds a look-alike of '.', '/' or '\\' (full-width or other Unicode forms)"),
    /** A percent-encoded (up to three times) form that decodes to anything another rule refuses. */
    ENCODED_TRAVERSAL("percent-decoding the path reveals a traversal or a forbidden char"),
    /** A percent-encoded overlong UTF-8 form, such as {@code %c0%ae} for {@code .}. */
    OVERLONG_ENCODING("the path holds a percent-encoded overlong UTF-8 sequence"),
    /** A URI such as {@code file:///etc/passwd}. */
    URI("the path is a URI, not a relative path"),
    /** Starts with {@code /}. */
    ABSOLUTE("the path is absolute"),
    /** Starts with {@code ~}, as a home directory ({@code ~}, {@code ~user}) does. */
    HOME("the path starts with '~' (a home directory)"),
    /** A Windows drive ({@code C:}) or UNC ({@code \\server\share}) prefix. */
    DRIVE_OR_UNC("the path has a Windows drive letter or UNC prefix"),
    /** A backslash, which is a separator on Windows. */
    BACKSLASH("the path holds a backslash, a separator on Windows"),
    /** A {@code ..} segment, in any position. */
    PARENT_SEGMENT("the path holds a '..' segment"),
    /** A segment of dots and spaces only other than {@code .}, such as {@code ...} or {@code .. }, which some systems read as {@code ..}. */
    DOT_SEGMENT("the path holds a segment of only dots and spaces"),
    /** Nothing exists at the path. */
    NOT_FOUND("no such file under the base directory"),
    /** A symbolic link on the way, or at the end, points outside the base directory. */
    SYMLINK_ESCAPE("a symbolic link on the path points outside the base directory"),
    /** More symbolic links to follow than {@code maxLinkHops}, as a loop of links has. */
    LINK_LOOP("too many symbolic links to follow (a loop?)"),
    /** A directory, not a file. */
    NOT_A_FILE("the path names a directory, not a file"),
    /** A device, FIFO or socket, refused unless {@code allowSpecialFiles} is set. */
    SPECIAL_FILE("the path names a device, FIFO or socket"),
    /** A file name whose extension is not among {@code allowedExtensions}. */
    EXTENSION("the file's extension is not among the allowed ones"),
    /** A file larger than {@code maxFileBytes}. */
    FILE_TOO_LARGE("the file is larger than the limit"),
    /** The path changed between its check and its opening: a component became a symbolic link, or the file another file. */
    CHANGED_DURING_CHECK("the path changed between its check and its opening"),
    /** The file system refused to read a component, for example for lack of permission. */
    UNREADABLE("the file system refused to read the path");

    private final String description;

    PathRule(String description) {
        this.description = description;
    }

    /**
     * Returns what the rule refuses, in a few words.
     *
     * @return the description
     */
    public String description() {
        return description;
    }
}
