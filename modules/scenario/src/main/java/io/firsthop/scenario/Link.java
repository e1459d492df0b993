package io.firsthop.scenario;

import java.util.Objects;

/**
 * A cable between two interfaces (or a WAN circuit, when its ends lie in two sites).
 *
 * @param name       unique; the name events use; defaults to "a--b", e.g. "r1:ge0--sw1:p1"
 * @param a          one end
 * @param b          the other end
 * @param impairment resolved: the link's own values, else the WAN entry of its two sites, else
 *                   {@code defaults.link}, else {@link Impairment#NONE}
 */
public record Link(String name, Endpoint a, Endpoint b, Impairment impairment) {
    public Link {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(impairment, "impairment");
    }

    /** The default name of a link between these ends. */
    public static String defaultName(Endpoint a, Endpoint b) {
        return a + "--" + b;
    }

    public static Link of(Endpoint a, Endpoint b, Impairment impairment) {
        return new Link(defaultName(a, b), a, b, impairment);
    }

    public boolean touches(Endpoint e) {
        return a.equals(e) || b.equals(e);
    }
}
