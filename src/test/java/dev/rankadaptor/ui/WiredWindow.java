package dev.rankadaptor.ui;

import dev.rankadaptor.ui.exec.FxUiExecutor;
import javafx.stage.Stage;

/** The fully wired workbench in a test's stage, with its executor; closing cancels any run and stops the executor. */
final class WiredWindow implements AutoCloseable {
    final FxUiExecutor executor = new FxUiExecutor(2);
    final WorkbenchApp.Wired wb;

    WiredWindow(Stage stage) {
        wb = WorkbenchApp.wire(executor);
        stage.setScene(wb.scene());
        stage.show();
    }

    @Override
    public void close() {
        wb.controller().cancel();
        executor.close();
    }
}
