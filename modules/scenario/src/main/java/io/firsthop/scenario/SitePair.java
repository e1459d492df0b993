package io.firsthop.scenario;

import java.util.Objects;

/** Two distinct sites, in the order written; {@link #matches} ignores the order. */
public record SitePair(String a, String b) {
    public SitePair {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.equals(b)) throw new IllegalArgumentException("a site pair needs two different sites, got " + a + " twice");
    }

    public boolean matches(String x, String y) {
        return (a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x));
    }

    @Override
    public String toString() {
        return a + "<->" + b;
    }
}
