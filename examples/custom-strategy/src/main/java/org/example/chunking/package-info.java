/**
 * An example plugin from outside the library: the {@code lines} strategy ({@link LinesStrategy},
 * whose {@link LinesChunker} packs whole lines and hands a line too long for one chunk to the
 * built-in {@code character} strategy with {@code ends=max}). It uses only the packages chunking-core exports (the
 * module system and the architecture test check it) and is found through {@code provides} in
 * {@code module-info} or {@code META-INF/services}. Not an API: {@code module-info} exports
 * nothing; the strategy is reached by its name.
 */
package org.example.chunking;
