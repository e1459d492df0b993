package io.firsthop.scenario;

import java.util.List;

/** A node's configuration, one shape per family of {@link NodeKind}. */
public sealed interface NodeSpec permits HostSpec, SwitchSpec, RouterSpec {
    /** The names a link endpoint may use on this node: host and router interfaces, switch ports. */
    List<String> portNames();

    /** The interfaces with addresses: a host's one interface is not among them (see {@link HostSpec}). */
    List<L3Interface> l3Interfaces();

    /** Static routes (empty for hosts, which use their gateway). */
    List<Route> routes();

    /** Tracking objects (empty for hosts). */
    List<TrackObject> tracking();

    /** The L3 interface named {@code name}, or null. */
    default L3Interface l3Interface(String name) {
        for (L3Interface i : l3Interfaces()) {
            if (i.name().equals(name)) return i;
        }
        return null;
    }

    /** The tracking object named {@code name}, or null. */
    default TrackObject trackObject(String name) {
        for (TrackObject t : tracking()) {
            if (t.name().equals(name)) return t;
        }
        return null;
    }
}
