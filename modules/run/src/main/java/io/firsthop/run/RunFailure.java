package io.firsthop.run;

/** The run itself failed: an engine or a device broke, or its output could not be written. Not the scenario's fault. */
public final class RunFailure extends RuntimeException {
    public RunFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public RunFailure(String message) {
        super(message);
    }
}
