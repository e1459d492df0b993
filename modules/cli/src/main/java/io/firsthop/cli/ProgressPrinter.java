package io.firsthop.cli;

import io.firsthop.run.RunControl;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a run's progress: on a terminal a bar redrawn in place at most ten times a second; in a
 * pipe or a log, one plain line every tenth of the run. Called on the engine's thread.
 */
final class ProgressPrinter implements RunControl.Listener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final String label;
    private long lastDraw = Long.MIN_VALUE;
    private int lastTenth = -1;
    private boolean drawn;

    ProgressPrinter(PrintWriter out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    @Override
    public void progress(RunControl.Progress p) {
        double fraction = p.fraction();
        if (terminal) {
            long now = System.nanoTime();
            boolean end = p.reachedNanos() >= p.endNanos();
            if (!end && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) return;
            lastDraw = now;
            int filled = (int) Math.round(fraction * WIDTH);
            out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%%  %s / %s  %,d events", label, "#".repeat(filled),
                    "-".repeat(WIDTH - filled), Math.round(fraction * 100), seconds(p.reachedNanos()), seconds(p.durationNanos()), p.events()));
            out.flush();
            drawn = true;
        } else {
            int tenth = (int) Math.floor(fraction * 10);
            if (tenth <= lastTenth) return;
            lastTenth = tenth;
            out.println(String.format(Locale.ROOT, "%s: %d%% (%s of %s run time, %,d events)", label, tenth * 10,
                    seconds(p.reachedNanos()), seconds(p.durationNanos()), p.events()));
            out.flush();
        }
    }

    /**
     * Whether standard output is a terminal: a console exists and, on JDK 22 and later (where a
     * console exists for redirected streams too), it says it is one.
     */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true;
        }
    }

    /** Ends the bar's line, if one was drawn. */
    void done() {
        if (terminal && drawn) {
            out.println();
            out.flush();
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", Math.min(nanos, Long.MAX_VALUE) / 1e9);
    }
}
