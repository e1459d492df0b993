package io.firsthop.core.l2;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One switch's half of an MLAG (multi-chassis link aggregation) pair, as Arista MLAG or Cisco
 * vPC configure it: the port facing the peer switch, and the member ports whose far ends are
 * dual-homed to both switches, each tagged with the MLAG id it shares with the peer's member
 * towards the same device ("mlag 7" on both switches, "vpc 7" on Nexus).
 *
 * @param peerLink the peer link's port name
 * @param members  member port name to MLAG id, 1..{@value #MAX_ID}; ids unique on this switch
 */
public record MlagConfig(String peerLink, Map<String, Integer> members) {
    public static final int MAX_ID = 4095;

    public MlagConfig {
        Objects.requireNonNull(peerLink, "peerLink");
        members = Map.copyOf(members);
        Map<Integer, String> byId = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> m : members.entrySet()) {
            int id = m.getValue();
            if (id < 1 || id > MAX_ID) throw new IllegalArgumentException("MLAG id must be 1.." + MAX_ID + ", was " + id + " on " + m.getKey());
            if (m.getKey().equals(peerLink)) throw new IllegalArgumentException("the peer link " + peerLink + " cannot be an MLAG member");
            String other = byId.put(id, m.getKey());
            if (other != null) throw new IllegalArgumentException("MLAG id " + id + " on both " + other + " and " + m.getKey());
        }
    }

    /** A peer link and members given as alternating port names and ids: {@code of("peer", "p1", 1, "p2", 2)}. */
    public static MlagConfig of(String peerLink, Object... portsAndIds) {
        if (portsAndIds.length % 2 != 0) throw new IllegalArgumentException("give port names and MLAG ids in pairs");
        Map<String, Integer> members = new LinkedHashMap<>();
        for (int i = 0; i < portsAndIds.length; i += 2) members.put((String) portsAndIds[i], (Integer) portsAndIds[i + 1]);
        return new MlagConfig(peerLink, members);
    }
}
