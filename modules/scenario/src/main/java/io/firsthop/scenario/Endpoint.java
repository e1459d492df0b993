package io.firsthop.scenario;

import java.util.Objects;

/** A link end in containerlab's notation, "node:interface" (e.g. "r1:ge0", "sw1:p1"). */
public record Endpoint(String node, String iface) {
    public Endpoint {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(iface, "iface");
    }

    /** Parses "node:interface"; both parts non-empty, exactly one colon. */
    public static Endpoint parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0 || !text.strip().equals(text)) {
            throw new IllegalArgumentException("expected an endpoint \"node:interface\" such as \"r1:ge0\", got '" + text + "'");
        }
        return new Endpoint(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return node + ":" + iface;
    }
}
