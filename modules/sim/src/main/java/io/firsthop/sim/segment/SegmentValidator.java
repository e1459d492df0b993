package io.firsthop.sim.segment;

import io.firsthop.core.Device;
import io.firsthop.core.l3.FirstHopGroup;
import io.firsthop.core.l3.Router;
import io.firsthop.sim.VirtualEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejects two first-hop groups with one protocol and one group number on one L2 segment: their
 * virtual MACs would collide (point 6 of the notes; RFC 5798 §7.3 derives VRRP's from the
 * VRID). The same number on different segments is fine, and so are the members of one group
 * (the routers that share it). Works for any {@link FirstHopGroup} that names its
 * {@link FirstHopGroup#protocol() protocol} and {@link FirstHopGroup#groupId() group}; two
 * placements are one group when {@link FirstHopGroup#sameGroupAs} says so and they are not on
 * the same router port. Groups that name no protocol are not checked.
 *
 * <p>How to use it: build the topology, then {@link #validate} it before running (or list the
 * {@link #conflicts} to report them).
 */
public final class SegmentValidator {
    /** Where a group runs: router, interface, and the group. */
    public record Placement(String router, String port, FirstHopGroup group) {
        @Override
        public String toString() {
            String addresses = group.virtualAddresses().isEmpty() ? "" : ", " + String.join(" ",
                    group.virtualAddresses().stream().map(Object::toString).toList());
            return router + ":" + port + " (" + group.protocol() + " " + group.groupId() + addresses + ")";
        }
    }

    /** Two groups that must not share their segment. */
    public record Conflict(String protocol, int groupId, Placement first, Placement second) {
        public String message() {
            return "duplicate " + protocol + " group " + groupId + " on one L2 segment: " + first + " and " + second
                    + ": their virtual MACs would collide";
        }
    }

    private record Key(int segment, String protocol, int groupId) {}

    private SegmentValidator() {
    }

    /**
     * Every conflict of {@code sim}'s topology: each group found on a segment against the first
     * placement there it is not a member of.
     */
    public static List<Conflict> conflicts(VirtualEngine sim) {
        L2Segments segments = L2Segments.of(sim);
        Map<Key, List<Placement>> seen = new HashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (Device d : sim.devices()) {
            if (!(d instanceof Router router)) continue;
            for (FirstHopGroup g : router.groups()) {
                if (g.protocol() == null) continue;
                Placement here = new Placement(router.name(), router.portName(g.port()), g);
                Key key = new Key(segments.segmentOf(router.name(), g.port()), g.protocol(), g.groupId());
                List<Placement> before = seen.computeIfAbsent(key, k -> new ArrayList<>());
                for (Placement p : before) {
                    boolean samePort = p.router().equals(here.router()) && p.port().equals(here.port());
                    if (samePort || !p.group().sameGroupAs(g) || !g.sameGroupAs(p.group())) {
                        conflicts.add(new Conflict(g.protocol(), g.groupId(), p, here));
                        break;
                    }
                }
                before.add(here);
            }
        }
        return conflicts;
    }

    /** Throws {@link IllegalArgumentException} naming every conflict, if there is any. */
    public static void validate(VirtualEngine sim) {
        List<Conflict> conflicts = conflicts(sim);
        if (conflicts.isEmpty()) return;
        StringBuilder b = new StringBuilder();
        for (Conflict c : conflicts) {
            if (!b.isEmpty()) b.append("; ");
            b.append(c.message());
        }
        throw new IllegalArgumentException(b.toString());
    }
}
