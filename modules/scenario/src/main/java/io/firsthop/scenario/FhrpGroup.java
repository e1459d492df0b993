package io.firsthop.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A first-hop redundancy group as the scenario forms it: the members on one L2 segment that
 * share protocol, group ID and virtual addresses (an anycast gateway: every interface with that
 * virtual IP, whatever the segment).
 *
 * @param name    how events and expectations name it: the members' {@code name:}, else "vrrp:1" when
 *                that key is unique in the scenario, else "vrrp:1@r1:ge0" after its first member
 * @param key     protocol and ID
 * @param segment the L2 segment of its first member ({@link Topology#segmentOf})
 * @param members the members, in file order
 */
public record FhrpGroup(String name, GroupKey key, int segment, List<Member> members) {
    public FhrpGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        members = List.copyOf(members);
    }

    /** One router's (or leaf's) participation: where, and with which configuration. */
    public record Member(String node, String iface, GatewayProtocol config) {
        public Member {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(config, "config");
        }

        public Endpoint endpoint() {
            return new Endpoint(node, iface);
        }
    }

    /** The member on {@code node}, or null. */
    public Member memberOn(String node) {
        for (Member m : members) {
            if (m.node().equals(node)) return m;
        }
        return null;
    }
}
