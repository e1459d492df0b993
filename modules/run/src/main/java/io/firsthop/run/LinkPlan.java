package io.firsthop.run;

import io.firsthop.core.link.LinkConfig;
import io.firsthop.scenario.SitePair;
import java.util.Objects;

/**
 * One cable to connect: the scenario's link with its impairments as a {@link LinkConfig}.
 *
 * @param name   the scenario's link name, which events use
 * @param a      side A, {@code "device:port"}
 * @param b      side B
 * @param config the link's impairments at the start; for a cross-site link they already hold the
 *               WAN entry's values (the scenario resolves them), so an engine must not add the WAN again
 * @param wan    the two sites a cross-site link joins, or null for a link within one site
 */
public record LinkPlan(String name, String a, String b, LinkConfig config, SitePair wan) {
    public LinkPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(config, "config");
    }

    public boolean crossesSites() {
        return wan != null;
    }
}
