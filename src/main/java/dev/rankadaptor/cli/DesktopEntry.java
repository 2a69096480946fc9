package dev.rankadaptor.cli;

/**
 * What the command line needs from the desktop side, handed in by the composition root
 * ({@code dev.rankadaptor.Main}) so that {@code cli} never names a {@code ui} class: the layers stay
 * one-way and the command line runs (and is tested) without JavaFX on the class path's critical path.
 */
public interface DesktopEntry {
    /** The picocli command object registered as {@code gui}. */
    Object guiCommand();

    /** The {@code bench ui} suite: the workbench's update time per new trial as a run grows. */
    String uiScaleBench(int layers, int trials) throws Exception;
}
