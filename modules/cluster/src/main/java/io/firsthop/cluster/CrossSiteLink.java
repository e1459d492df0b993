package io.firsthop.cluster;

/**
 * A link whose ends are on two different sites. Both sites attach the same record
 * ({@link Site#attach}); {@code id} must be unique among a run's cross-site links and the
 * same on both sites, since frames carry it (as a channel number) instead of names.
 */
public record CrossSiteLink(int id, String name, LinkEndpoint a, LinkEndpoint b) {
    public CrossSiteLink {
        if (id < 0 || id > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("link id out of range: " + id);
        if (a.site().equals(b.site())) {
            throw new IllegalArgumentException("link " + name + " has both ends on site " + a.site() + ": not a cross-site link");
        }
    }

    /** The channel of frames travelling from {@code a} to {@code b}. */
    public int channelAtoB() {
        return id * 2;
    }

    /** The channel of frames travelling from {@code b} to {@code a}. */
    public int channelBtoA() {
        return id * 2 + 1;
    }
}
