package io.firsthop.scenario;

import java.util.Objects;

/**
 * One entry of the WAN matrix: how frames travel between two sites. Every link whose
 * endpoints lie in these two sites takes this impairment unless it sets its own.
 */
public record WanLink(SitePair between, Impairment impairment) {
    public WanLink {
        Objects.requireNonNull(between, "between");
        Objects.requireNonNull(impairment, "impairment");
    }
}
