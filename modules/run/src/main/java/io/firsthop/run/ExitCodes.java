package io.firsthop.run;

/**
 * What {@code firsthop validate} and {@code firsthop run} exit with. Scripts and CI rely on
 * these; docs/running.md lists them.
 */
public final class ExitCodes {
    /** Every expectation holds (validate: the file is valid). */
    public static final int OK = 0;
    /** The run finished and at least one expectation failed. */
    public static final int EXPECTATION_FAILED = 1;
    /** Invalid input or usage: a scenario problem, an unknown option, an engine that is not available. */
    public static final int INVALID = 2;
    /** The run itself failed: an engine or device error, or the output could not be written. */
    public static final int RUN_FAILED = 3;
    /** Interrupted (Ctrl-C): what was measured is written and marked interrupted; 128 + SIGINT, as shells do. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
