package dev.rankadaptor.ui;

import dev.rankadaptor.cli.DesktopEntry;
import dev.rankadaptor.ui.bench.UiScaleBench;

/** The desktop side the command line is handed by {@code dev.rankadaptor.Main}: the workbench and its bench. */
public final class WorkbenchEntry implements DesktopEntry {
    @Override
    public Object guiCommand() {
        return new GuiCommand();
    }

    @Override
    public String uiScaleBench(int layers, int trials) throws Exception {
        return UiScaleBench.runStandalone(layers, trials);
    }
}
