package dev.rankadaptor.ui.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.Zoomer;

/** Shared construction of the workbench's ChartFX charts, so all of them look and behave alike. */
final class ChartStyle {
    private ChartStyle() {
    }

    static DefaultNumericAxis axis(String name) {
        DefaultNumericAxis a = new DefaultNumericAxis(name);
        a.setUnit(null);
        a.setAutoRangeRounding(false);
        return a;
    }

    static XYChart chart(String title, DefaultNumericAxis x, DefaultNumericAxis y) {
        XYChart chart = new XYChart(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.getPlugins().add(new Zoomer());
        chart.setToolBarPinned(false);
        chart.setMinSize(200, 150);
        return chart;
    }
}
