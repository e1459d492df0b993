package io.firsthop.run;

import java.util.Objects;

/**
 * An {@link Action} at a time of the run.
 *
 * @param at         nanoseconds from the start of the run
 * @param action     what happens
 * @param event      the index of the scenario event it comes from, or -1 (a flow's stop)
 * @param cause      the scenario's words for it, e.g. "kill-site seoul", for progress and reports
 */
public record TimedAction(long at, Action action, int event, String cause) {
    public TimedAction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(cause, "cause");
        if (at < 0) throw new IllegalArgumentException("an action cannot happen before the run starts: " + at);
    }
}
