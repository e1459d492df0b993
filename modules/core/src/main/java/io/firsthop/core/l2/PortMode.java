package io.firsthop.core.l2;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** How a switch port carries VLANs (IEEE 802.1Q). */
public sealed interface PortMode {
    /** Whether frames of {@code vlan} may enter and leave the port. */
    boolean carries(int vlan);

    /** The VLAN untagged frames belong to, on ingress and egress. */
    int untaggedVlan();

    /** An access port: untagged frames, all in {@code vlan}. */
    record Access(int vlan) implements PortMode {
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

    /**
     * A trunk: frames of the allowed VLANs, tagged except those of the native VLAN, which
     * travel untagged. The native VLAN is carried only if it is allowed.
     */
    record Trunk(Set<Integer> allowedVlans, int nativeVlan) implements PortMode {
        /** Every usable VLAN, 1..4094. */
        public static final Set<Integer> ALL_VLANS =
                IntStream.rangeClosed(1, 4094).boxed().collect(Collectors.toUnmodifiableSet());

        public Trunk {
            allowedVlans = Set.copyOf(allowedVlans);
            for (int v : allowedVlans) checkVlan(v);
            checkVlan(nativeVlan);
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
            String allowed = allowedVlans.size() == ALL_VLANS.size() ? "all" : allowedVlans.stream().sorted().toList().toString();
            return "Trunk[allowedVlans=" + allowed + ", nativeVlan=" + nativeVlan + "]";
        }
    }

    private static void checkVlan(int vlan) {
        if (vlan < 1 || vlan > 4094) throw new IllegalArgumentException("VLAN must be 1..4094, was " + vlan);
    }
}
