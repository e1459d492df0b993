package io.firsthop.scenario;

import java.util.Objects;

/**
 * A geographic site: one JVM of the cluster engine.
 *
 * @param name        the site's name, e.g. "seoul"
 * @param description free text, "" if none
 */
public record Site(String name, String description) {
    /** The one site of a scenario that declares none. */
    public static final String IMPLICIT = "local";

    public Site {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    public static Site of(String name) {
        return new Site(name, "");
    }
}
