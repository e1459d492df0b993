package io.firsthop.scenario;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** How a switch port carries VLANs (IEEE 802.1Q). */
public sealed interface PortMode {
    /** Whether frames of {@code vlan} may cross the port. */
    boolean carries(int vlan);

    /** The VLAN of untagged frames on this port. */
    int untaggedVlan();

    /** An access port: untagged frames of one VLAN (default VLAN 1). */
    record Access(int vlan) implements PortMode {
        public static final Access DEFAULT = new Access(1);

        public Access {
            checkVlan(vlan);
        }

        @Override
        public boolean carries(int v) {
            return v == vlan;
        }

        @Override
        public int untaggedVlan() {
            return vlan;
        }
    }

    /** A trunk: the allowed VLANs tagged, the native VLAN untagged (carried only if allowed). */
    record Trunk(Set<Integer> allowedVlans, int nativeVlan) implements PortMode {
        /** Every usable VLAN, 1..4094: what {@code trunk: all} means. */
        public static final Set<Integer> ALL_VLANS =
                IntStream.rangeClosed(1, 4094).boxed().collect(Collectors.toUnmodifiableSet());

        public Trunk {
            allowedVlans = Set.copyOf(allowedVlans);
            for (int v : allowedVlans) checkVlan(v);
            checkVlan(nativeVlan);
        }

        public boolean allowsAll() {
            return allowedVlans.size() == ALL_VLANS.size();
        }

        @Override
        public boolean carries(int v) {
            return allowedVlans.contains(v);
        }

        @Override
        public int untaggedVlan() {
            return nativeVlan;
        }

        @Override
        public String toString() {
            return "Trunk[allowedVlans=" + (allowsAll() ? "all" : allowedVlans.stream().sorted().toList()) + ", nativeVlan=" + nativeVlan + "]";
        }
    }

    static void checkVlan(int vlan) {
        if (vlan < 1 || vlan > 4094) throw new IllegalArgumentException("VLAN must be 1..4094, was " + vlan);
    }
}
