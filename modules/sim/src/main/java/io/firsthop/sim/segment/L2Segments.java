package io.firsthop.sim.segment;

import io.firsthop.core.Device;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.PortMode;
import io.firsthop.sim.Endpoint;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.VirtualEngine.LinkEnds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The L2 segments (broadcast domains) of a topology: which end-station ports hear each
 * other's broadcasts. Computed once from the devices and links, not from traffic.
 *
 * <p>Model: an {@link EthernetSwitch} bridges, per VLAN, every port that carries that VLAN;
 * every other device (router, host) is an end station whose ports are separate untagged
 * interfaces that bridge nothing. A link joins what one end sends with where the other end
 * puts it, in each direction: a switch port sends VLAN v untagged if v is its access or native
 * VLAN and tagged otherwise, and files an untagged frame under its access or native VLAN and a
 * tagged one under its tag, if it carries that VLAN (as {@link EthernetSwitch} forwards); an end
 * station sends and accepts only untagged frames. So a native-VLAN mismatch on a trunk joins
 * the two VLANs, as it does on real switches.
 */
public final class L2Segments {
    private static final int UNTAGGED = 0;
    private static final int MAX_VLAN = 4094;

    private record SwitchVlan(String device, int vlan) {}

    private record StationPort(String device, int port) {}

    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Integer> parent = new ArrayList<>();
    private final Map<String, Device> devices = new HashMap<>();

    private L2Segments(List<Device> deviceList, List<LinkEnds> links) {
        for (Device d : deviceList) devices.put(d.name(), d);
        for (LinkEnds link : links) {
            join(link.a(), link.b());
            join(link.b(), link.a());
        }
    }

    /** The segments of {@code sim}'s topology as it is now. */
    public static L2Segments of(VirtualEngine sim) {
        return new L2Segments(sim.devices(), sim.links());
    }

    /** The segments of these devices joined by these links. */
    public static L2Segments of(List<Device> devices, List<LinkEnds> links) {
        return new L2Segments(devices, links);
    }

    /**
     * An id of the segment end-station port {@code port} of {@code device} is on: two ports
     * share a segment exactly when their ids are equal.
     */
    public int segmentOf(String device, int port) {
        Device d = devices.get(device);
        if (d == null) throw new IllegalArgumentException("unknown device '" + device + "'");
        if (d instanceof EthernetSwitch) throw new IllegalArgumentException(device + " is a switch: its ports are not end stations");
        return find(id(new StationPort(device, port)));
    }

    /** Whether end-station endpoints {@code a} and {@code b} ("device:port") hear each other's broadcasts. */
    public boolean sameSegment(String a, String b) {
        Endpoint ea = Endpoint.parse(a);
        Endpoint eb = Endpoint.parse(b);
        return segmentOf(ea.device(), portIndex(ea)) == segmentOf(eb.device(), portIndex(eb));
    }

    private int portIndex(Endpoint e) {
        Device d = devices.get(e.device());
        if (d == null) throw new IllegalArgumentException("unknown device '" + e.device() + "'");
        return d.portIndex(e.port());
    }

    /** Joins what {@code from} transmits with where {@code to} files it. */
    private void join(Endpoint from, Endpoint to) {
        Device sender = Objects.requireNonNull(devices.get(from.device()), from.device());
        Device receiver = Objects.requireNonNull(devices.get(to.device()), to.device());
        int fromPort = sender.portIndex(from.port());
        int toPort = receiver.portIndex(to.port());
        if (sender instanceof EthernetSwitch sw) {
            PortMode mode = sw.config().ports().get(fromPort).mode();
            for (int v = 1; v <= MAX_VLAN; v++) {
                if (!mode.carries(v)) continue;
                Object ingress = ingress(receiver, toPort, v == mode.untaggedVlan() ? UNTAGGED : v);
                if (ingress != null) union(id(new SwitchVlan(sw.name(), v)), id(ingress));
            }
        } else {
            Object ingress = ingress(receiver, toPort, UNTAGGED);
            if (ingress != null) union(id(new StationPort(sender.name(), fromPort)), id(ingress));
        }
    }

    /** Where {@code device} puts a frame arriving on {@code port} untagged ({@code tag} 0) or tagged; null if it drops it. */
    private static Object ingress(Device device, int port, int tag) {
        if (device instanceof EthernetSwitch sw) {
            PortMode mode = sw.config().ports().get(port).mode();
            int vlan = tag == UNTAGGED ? mode.untaggedVlan() : tag;
            return mode.carries(vlan) ? new SwitchVlan(sw.name(), vlan) : null;
        }
        return tag == UNTAGGED ? new StationPort(device.name(), port) : null;
    }

    private int id(Object domain) {
        Integer id = ids.get(domain);
        if (id == null) {
            id = parent.size();
            ids.put(domain, id);
            parent.add(id);
        }
        return id;
    }

    private int find(int x) {
        while (parent.get(x) != x) {
            parent.set(x, parent.get(parent.get(x)));
            x = parent.get(x);
        }
        return x;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
    }
}
