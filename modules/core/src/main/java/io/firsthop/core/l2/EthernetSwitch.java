package io.firsthop.core.l2;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VlanTag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * A transparent bridge (IEEE 802.1Q) with VLANs and MAC learning, and no spanning tree:
 * topologies must be loop-free, or broadcasts circulate forever (as on a real switch with
 * STP disabled).
 *
 * <p>How to drive it: {@link DeviceInput.PowerOn} starts it with an empty MAC table; frames
 * arrive on a port and leave on others; its one timer (ageing) comes back as
 * {@link DeviceInput.TimerFired}. Ports start up; carrier loss is reported with
 * {@link DeviceInput.CarrierChanged} (remembered even while the switch is down), and
 * {@link DeviceInput.AdminPortState} shuts a port; every port is admin up again after PowerOn.
 *
 * <p>Forwarding: the frame's VLAN is its tag, or the port's access/native VLAN when untagged
 * (or priority-tagged); a port that does not carry it drops the frame. The source is learned
 * per (VLAN, MAC). Broadcast, multicast and unknown unicast go to every other up port of the
 * VLAN; known unicast to its one port, unless that is the ingress port (filtered, as real
 * switches do). Egress is tagged on trunks except for the native VLAN, untagged on access ports.
 *
 * <p>Ageing is exact with one timer: entries are kept in a list in the order they were last
 * refreshed, which with one ageing time is expiry order; the timer is armed at the head's
 * expiry and, when an early head was refreshed in the meantime, re-arms at the new head.
 */
public final class EthernetSwitch implements Device {
    /** A MAC table entry as seen from outside. */
    public record MacEntry(int vlan, MacAddress mac, int port, long expiresAt) {}

    private record AgingTimer() {}

    private static final AgingTimer AGING = new AgingTimer();
    private static final long NOT_ARMED = Long.MIN_VALUE;
    private static final int VLAN_IDS = 4096;

    private static final class Entry {
        final int vlan;
        final MacAddress mac;
        int port;
        long expiresAt;
        Entry prev;
        Entry next;

        Entry(int vlan, MacAddress mac, int port, long expiresAt) {
            this.vlan = vlan;
            this.mac = mac;
            this.port = port;
            this.expiresAt = expiresAt;
        }
    }

    private final SwitchConfig config;
    private final List<String> portNames;
    private final PortMode[] modes;
    private final boolean[][] carries;
    private final int[][] members;
    private final VlanTag[] plainTags = new VlanTag[VLAN_IDS];
    private final boolean[] carrierUp;
    private final boolean[] adminUp;
    private final long aging;

    private boolean running;
    // one table per VLAN, so a lookup needs no combined key object
    @SuppressWarnings("unchecked")
    private final HashMap<MacAddress, Entry>[] tables = (HashMap<MacAddress, Entry>[]) new HashMap<?, ?>[VLAN_IDS];
    private Entry oldest;
    private Entry newest;
    private long agingArmedAt = NOT_ARMED;

    public EthernetSwitch(SwitchConfig config) {
        this.config = config;
        int n = config.ports().size();
        List<String> names = new ArrayList<>(n);
        this.modes = new PortMode[n];
        this.carries = new boolean[n][VLAN_IDS];
        int[] memberCount = new int[VLAN_IDS];
        for (int p = 0; p < n; p++) {
            SwitchPort port = config.ports().get(p);
            names.add(port.name());
            modes[p] = port.mode();
            for (int v = 1; v < VLAN_IDS - 1; v++) {
                if (port.mode().carries(v)) {
                    carries[p][v] = true;
                    memberCount[v]++;
                }
            }
        }
        this.members = new int[VLAN_IDS][];
        for (int v = 0; v < VLAN_IDS; v++) {
            members[v] = new int[memberCount[v]];
            int i = 0;
            for (int p = 0; p < n; p++) if (carries[p][v]) members[v][i++] = p;
        }
        this.portNames = List.copyOf(names);
        this.carrierUp = new boolean[n];
        this.adminUp = new boolean[n];
        Arrays.fill(carrierUp, true);
        Arrays.fill(adminUp, true);
        this.aging = config.agingNanos();
    }

    public SwitchConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public List<String> portNames() {
        return portNames;
    }

    @Override
    public boolean running() {
        return running;
    }

    /** The port {@code mac} was learned on in {@code vlan}, or -1. */
    public int lookup(int vlan, MacAddress mac) {
        HashMap<MacAddress, Entry> t = vlan >= 0 && vlan < VLAN_IDS ? tables[vlan] : null;
        Entry e = t == null ? null : t.get(mac);
        return e == null ? -1 : e.port;
    }

    /** The MAC table, least recently refreshed first. */
    public List<MacEntry> macTable() {
        List<MacEntry> list = new ArrayList<>();
        for (Entry e = oldest; e != null; e = e.next) list.add(new MacEntry(e.vlan, e.mac, e.port, e.expiresAt));
        return list;
    }

    @Override
    public void handle(DeviceInput input, long now, Outputs out) {
        switch (input) {
            case DeviceInput.FrameArrived f -> {
                checkPort(f.port());
                if (!running) drop(f.port(), f.frame(), DropReason.DEVICE_DOWN, "switch is down", now, out);
                else receive(f.port(), f.frame(), now, out);
            }
            case DeviceInput.TimerFired t -> {
                if (running && AGING.equals(t.key())) age(now, out);
            }
            case DeviceInput.PowerOn p -> powerOn(now, out);
            case DeviceInput.CarrierChanged c -> {
                checkPort(c.port());
                boolean was = portUp(c.port());
                carrierUp[c.port()] = c.up();
                if (running) portStateChanged(c.port(), was, "carrier", now, out);
            }
            case DeviceInput.AdminPortState a -> {
                checkPort(a.port());
                if (!running) {
                    out.trace(new TraceEvent.Note(now, name(), "admin state of " + portName(a.port()) + " ignored: switch is down"));
                    return;
                }
                boolean was = portUp(a.port());
                adminUp[a.port()] = a.up();
                portStateChanged(a.port(), was, "admin", now, out);
            }
            case DeviceInput.Crash c -> stop("crash", now, out);
            case DeviceInput.Shutdown s -> stop("shutdown", now, out);
            case DeviceInput.Command c ->
                    out.trace(new TraceEvent.Note(now, name(), "command " + c.command() + " not supported by a switch"));
        }
    }

    private void powerOn(long now, Outputs out) {
        if (running) {
            out.trace(new TraceEvent.Note(now, name(), "power on ignored: already running"));
            return;
        }
        running = true;
        Arrays.fill(adminUp, true);
        out.trace(new TraceEvent.DeviceEvent(now, name(), "power on"));
    }

    private void stop(String how, long now, Outputs out) {
        if (!running) return;
        running = false;
        // the table lives in RAM: a crash or shutdown loses it
        for (Entry e = oldest; e != null; e = e.next) {
            out.trace(new TraceEvent.MacRemoved(now, name(), e.vlan, e.mac, portName(e.port), how));
        }
        Arrays.fill(tables, null);
        oldest = newest = null;
        if (agingArmedAt != NOT_ARMED) out.cancelTimer(AGING);
        agingArmedAt = NOT_ARMED;
        out.trace(new TraceEvent.DeviceEvent(now, name(), how));
    }

    private void portStateChanged(int port, boolean was, String cause, long now, Outputs out) {
        boolean up = portUp(port);
        if (up == was) return;
        out.trace(new TraceEvent.DeviceEvent(now, name(), "port " + portName(port) + (up ? " up" : " down") + " (" + cause + ")"));
        if (up) return;
        // 802.1D: entries learned on a port that leaves forwarding state are removed
        Entry e = oldest;
        while (e != null) {
            Entry next = e.next;
            if (e.port == port) {
                remove(e);
                out.trace(new TraceEvent.MacRemoved(now, name(), e.vlan, e.mac, portName(port), "port down"));
            }
            e = next;
        }
    }

    // ---- forwarding ------------------------------------------------------------------------

    private void receive(int port, EthernetFrame frame, long now, Outputs out) {
        if (!portUp(port)) {
            drop(port, frame, DropReason.PORT_DOWN, portName(port) + " is down", now, out);
            return;
        }
        VlanTag tag = frame.vlan();
        int vlan = tag == null || tag.vlanId() == 0 ? modes[port].untaggedVlan() : tag.vlanId();
        if (!carries[port][vlan]) {
            drop(port, frame, DropReason.VLAN_NOT_ALLOWED,
                    (tag == null ? "untagged (VLAN " + vlan + ")" : "VLAN " + vlan) + " not carried by " + portName(port), now, out);
            return;
        }
        MacAddress src = frame.source();
        if (!src.isMulticast()) learn(vlan, src, port, now, out);
        MacAddress dst = frame.destination();
        if (!dst.isMulticast()) {
            HashMap<MacAddress, Entry> table = tables[vlan];
            Entry e = table == null ? null : table.get(dst);
            if (e != null) {
                if (e.port == port) {
                    drop(port, frame, DropReason.SAME_PORT, dst + " is on the ingress port", now, out);
                } else {
                    out.send(e.port, egressFrame(e.port, vlan, frame));
                }
                return;
            }
        }
        flood(port, vlan, frame, now, out);
    }

    private void flood(int ingress, int vlan, EthernetFrame frame, long now, Outputs out) {
        EthernetFrame untagged = null;
        EthernetFrame tagged = null;
        boolean sent = false;
        for (int p : members[vlan]) {
            if (p == ingress || !portUp(p)) continue;
            if (modes[p].untaggedVlan() == vlan) {
                if (untagged == null) untagged = frame.withVlan(null);
                out.send(p, untagged);
            } else {
                if (tagged == null) tagged = tagged(frame, vlan);
                out.send(p, tagged);
            }
            sent = true;
        }
        if (!sent) drop(ingress, frame, DropReason.PORT_DOWN, "no other port of VLAN " + vlan + " is up", now, out);
    }

    private EthernetFrame egressFrame(int port, int vlan, EthernetFrame frame) {
        return modes[port].untaggedVlan() == vlan ? frame.withVlan(null) : tagged(frame, vlan);
    }

    private EthernetFrame tagged(EthernetFrame frame, int vlan) {
        VlanTag current = frame.vlan();
        if (current != null && current.vlanId() == vlan) return frame;
        // keep the sender's priority when re-tagging a priority-tagged frame
        VlanTag tag = current == null ? plainTag(vlan) : new VlanTag(current.priority(), current.dropEligible(), vlan);
        return frame.withVlan(tag);
    }

    private VlanTag plainTag(int vlan) {
        VlanTag t = plainTags[vlan];
        if (t == null) plainTags[vlan] = t = VlanTag.of(vlan);
        return t;
    }

    // ---- MAC table -------------------------------------------------------------------------

    private void learn(int vlan, MacAddress mac, int port, long now, Outputs out) {
        HashMap<MacAddress, Entry> table = tables[vlan];
        if (table == null) tables[vlan] = table = new HashMap<>();
        Entry e = table.get(mac);
        long expiresAt = now + aging;
        if (e == null) {
            e = new Entry(vlan, mac, port, expiresAt);
            table.put(mac, e);
            append(e);
            out.trace(new TraceEvent.MacLearned(now, name(), vlan, mac, portName(port)));
            armAging(out);
            return;
        }
        if (e.port != port) {
            int old = e.port;
            e.port = port;
            out.trace(new TraceEvent.MacMoved(now, name(), vlan, mac, portName(old), portName(port)));
        }
        e.expiresAt = expiresAt;
        if (e != newest) {
            unlink(e);
            append(e);
        }
    }

    private void age(long now, Outputs out) {
        agingArmedAt = NOT_ARMED;
        while (oldest != null && oldest.expiresAt <= now) {
            Entry e = oldest;
            remove(e);
            out.trace(new TraceEvent.MacRemoved(now, name(), e.vlan, e.mac, portName(e.port), "aged"));
        }
        armAging(out);
    }

    private void armAging(Outputs out) {
        // refreshes only move expiries later, so a timer armed at an earlier head is never late
        if (agingArmedAt != NOT_ARMED || oldest == null) return;
        agingArmedAt = oldest.expiresAt;
        out.armTimer(AGING, agingArmedAt);
    }

    private void remove(Entry e) {
        tables[e.vlan].remove(e.mac);
        unlink(e);
    }

    private void append(Entry e) {
        e.prev = newest;
        e.next = null;
        if (newest == null) oldest = e;
        else newest.next = e;
        newest = e;
    }

    private void unlink(Entry e) {
        if (e.prev == null) oldest = e.next;
        else e.prev.next = e.next;
        if (e.next == null) newest = e.prev;
        else e.next.prev = e.prev;
        e.prev = e.next = null;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private boolean portUp(int port) {
        return carrierUp[port] && adminUp[port];
    }

    private void checkPort(int port) {
        if (port < 0 || port >= portNames.size()) {
            throw new IllegalArgumentException(name() + " has no port " + port + " (ports: " + portNames + ")");
        }
    }

    private void drop(int port, EthernetFrame frame, DropReason reason, String detail, long now, Outputs out) {
        out.trace(new TraceEvent.FrameDropped(now, name(), portName(port), frame, reason, detail));
    }
}
