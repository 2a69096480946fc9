package dev.rankadaptor.prune;

import dev.rankadaptor.common.AtomicFolders;

import java.nio.file.Path;

/** Pruning's name for {@link AtomicFolders} (the implementation moved to common so that checkpoint conversion shares it). */
final class FolderSwap {
    private FolderSwap() {
    }

    static Path tempBeside(Path target) {
        return AtomicFolders.tempBeside(target);
    }

    static void publish(Path temp, Path target, boolean overwrite) {
        AtomicFolders.publish(temp, target, overwrite);
    }

    static void deleteTree(Path root) {
        AtomicFolders.deleteTree(root);
    }
}
