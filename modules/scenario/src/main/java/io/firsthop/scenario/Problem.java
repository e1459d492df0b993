package io.firsthop.scenario;

import java.util.Objects;

/**
 * One thing wrong with a scenario, where it is and what was expected.
 *
 * @param file    the file as given to the loader ("&lt;java&gt;" for a scenario built in code)
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param path    the field path, e.g. "nodes.r1.interfaces.ge0.address" or "links[2].endpoints[0]"; "" for the whole file
 * @param message what is wrong and what was expected
 */
public record Problem(String file, int line, int column, String path, String message) {
    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** Compiler style: {@code file:line:col: path: message}. */
    public String format() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        sb.append(": ");
        if (!path.isEmpty()) sb.append(path).append(": ");
        return sb.append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
