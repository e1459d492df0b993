package io.firsthop.core.l2;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.VlanTag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Gateway MACs ({@link GatewayMac}): static entries pointing at the local router's port,
 * never learned, forwarded to that port while it is up and flooded as unknown while it is
 * down; ARP requests for their addresses go to that port only.
 *
 * <p>MLAG ({@link MlagConfig}): with a peer link and member ports tagged with MLAG ids, the
 * pair forwards as one switch towards dual-homed devices without loops or duplicates:
 * <ul>
 *   <li>frames arriving on the peer link are not flooded to a member whose peer-side member
 *       is up (the peer already delivered them there);</li>
 *   <li>the peers keep each other informed over the peer link with control frames
 *       (EtherType 0x88B6, {@link #MLAG_ETHERTYPE}; consumed, never forwarded): which MLAG ids have an
 *       up member, sent at power-on, on every member or peer-link change; and every MAC learned
 *       on a member (new, moved, or refreshed after half the ageing time), which the peer
 *       installs on its own member of that id, or on the peer link when that member is down.
 *       This stands in for the MLAG/vPC control protocols (Arista's MLAG agent, Cisco CFSoE);
 *       their wire formats are not modelled;</li>
 *   <li>a MAC held on an up member is not moved to the peer link by frames from the peer;</li>
 *   <li>when a member goes down, its MACs move to the peer link if the peer's member of the
 *       same id is up (else they are removed), and come back when the member comes up.</li>
 * </ul>
 * A lost peer link leaves each switch forwarding on its own (no split-brain handling).
 *
 * <p>Ageing is exact with one timer: entries are kept in a list in the order they were last
 * refreshed, which with one ageing time is expiry order; the timer is armed at the head's
 * expiry and, when an early head was refreshed in the meantime, re-arms at the new head.
 */
public final class EthernetSwitch implements Device {
    /** A MAC table entry as seen from outside. */
    public record MacEntry(int vlan, MacAddress mac, int port, long expiresAt) {}

    /** IEEE 802 local experimental EtherType 2: the MLAG peers' control frames. */
    public static final int MLAG_ETHERTYPE = 0x88B6;
    /** Destination of MLAG control frames: a locally administered group address. */
    public static final MacAddress MLAG_CONTROL_MAC = MacAddress.parse("03:6d:6c:61:67:00");
    private static final MacAddress MLAG_CONTROL_SOURCE = MacAddress.parse("02:6d:6c:61:67:00");
    private static final int SYNC_MAGIC = 0x4D;
    private static final int SYNC_STATE = 1;
    private static final int SYNC_MAC = 2;

    private record AgingTimer() {}

    private static final AgingTimer AGING = new AgingTimer();
    private static final long NOT_ARMED = Long.MIN_VALUE;
    private static final int VLAN_IDS = 4096;

    private static final class Entry {
        final int vlan;
        final MacAddress mac;
        int port;
        long expiresAt;
        /** The MLAG id the MAC lives behind, 0 if none (single-homed or unknown). */
        int mlagId;
        /** When this switch last told its MLAG peer about the MAC; NOT_ARMED if never. */
        long syncedAt = NOT_ARMED;
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
    // MLAG: -1 / all zero without one
    private final int peerPort;
    private final int[] mlagIdOf;
    private final int[] localMemberOf;
    private final boolean[] peerMemberUp;
    // gateway MACs and the addresses whose ARP stays local, per VLAN (null for most)
    private final HashMap<MacAddress, Integer>[] gatewayPorts;
    private final HashMap<Ipv4Address, Integer>[] gatewayArp;

    private boolean running;
    // one table per VLAN, so a lookup needs no combined key object
    @SuppressWarnings("unchecked")
    private final HashMap<MacAddress, Entry>[] tables = (HashMap<MacAddress, Entry>[]) new HashMap<?, ?>[VLAN_IDS];
    private Entry oldest;
    private Entry newest;
    private long agingArmedAt = NOT_ARMED;
    /** Set by {@code install}: whether the entry was created or changed port or MLAG id. */
    private boolean installChanged;

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
        this.mlagIdOf = new int[n];
        this.localMemberOf = new int[MlagConfig.MAX_ID + 1];
        this.peerMemberUp = new boolean[MlagConfig.MAX_ID + 1];
        Arrays.fill(localMemberOf, -1);
        MlagConfig mlag = config.mlag();
        if (mlag == null) {
            this.peerPort = -1;
        } else {
            this.peerPort = names.indexOf(mlag.peerLink());
            for (Map.Entry<String, Integer> m : mlag.members().entrySet()) {
                int p = names.indexOf(m.getKey());
                mlagIdOf[p] = m.getValue();
                localMemberOf[m.getValue()] = p;
            }
        }
        this.gatewayPorts = newVlanMaps();
        this.gatewayArp = newVlanMaps();
        for (GatewayMac g : config.gatewayMacs()) {
            int p = names.indexOf(g.port());
            if (gatewayPorts[g.vlan()] == null) gatewayPorts[g.vlan()] = new HashMap<>();
            gatewayPorts[g.vlan()].put(g.mac(), p);
            for (Ipv4Address a : g.arpAddresses()) {
                if (gatewayArp[g.vlan()] == null) gatewayArp[g.vlan()] = new HashMap<>();
                gatewayArp[g.vlan()].put(a, p);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <K> HashMap<K, Integer>[] newVlanMaps() {
        return (HashMap<K, Integer>[]) new HashMap<?, ?>[VLAN_IDS];
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
        if (vlan >= 0 && vlan < VLAN_IDS && gatewayPorts[vlan] != null) {
            Integer g = gatewayPorts[vlan].get(mac);
            if (g != null) return g;
        }
        HashMap<MacAddress, Entry> t = vlan >= 0 && vlan < VLAN_IDS ? tables[vlan] : null;
        Entry e = t == null ? null : t.get(mac);
        return e == null ? -1 : e.port;
    }

    /** Whether the MLAG peer reported an up member for {@code mlagId} (false without MLAG). */
    public boolean peerMemberUp(int mlagId) {
        return mlagId >= 1 && mlagId <= MlagConfig.MAX_ID && peerMemberUp[mlagId];
    }

    /** The learned MAC table (gateway MACs are not in it), least recently refreshed first. */
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
        // as the runtimes do: carrier is assumed at PowerOn and corrected right after
        Arrays.fill(carrierUp, true);
        Arrays.fill(peerMemberUp, false);
        out.trace(new TraceEvent.DeviceEvent(now, name(), "power on"));
        sendMemberState(out);
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
        int id = mlagIdOf[port];
        if (port == peerPort) {
            if (up) {
                sendMemberState(out);
                resyncMacs(now, out);
            } else {
                // nothing more is known of the peer's members: deliver everything locally
                Arrays.fill(peerMemberUp, false);
            }
        } else if (id != 0) {
            sendMemberState(out);
        }
        if (up) {
            if (id != 0) moveMlagEntries(id, peerPort, port, now, out);
            return;
        }
        boolean toPeer = id != 0 && peerPort >= 0 && portUp(peerPort) && peerMemberUp[id];
        // 802.1D: entries learned on a port that leaves forwarding state are removed; MLAG:
        // a member's MACs are still reachable through the peer's member of the same id
        Entry e = oldest;
        while (e != null) {
            Entry next = e.next;
            if (e.port == port) {
                if (toPeer) {
                    e.port = peerPort;
                    out.trace(new TraceEvent.MacMoved(now, name(), e.vlan, e.mac, portName(port), portName(peerPort)));
                } else {
                    remove(e);
                    out.trace(new TraceEvent.MacRemoved(now, name(), e.vlan, e.mac, portName(port), "port down"));
                }
            }
            e = next;
        }
    }

    /** Moves the MACs of MLAG id {@code id} found on port {@code from} to port {@code to}. */
    private void moveMlagEntries(int id, int from, int to, long now, Outputs out) {
        if (from < 0) return;
        for (Entry e = oldest; e != null; e = e.next) {
            if (e.mlagId == id && e.port == from) {
                e.port = to;
                out.trace(new TraceEvent.MacMoved(now, name(), e.vlan, e.mac, portName(from), portName(to)));
            }
        }
    }

    // ---- forwarding ------------------------------------------------------------------------

    private void receive(int port, EthernetFrame frame, long now, Outputs out) {
        if (!portUp(port)) {
            drop(port, frame, DropReason.PORT_DOWN, portName(port) + " is down", now, out);
            return;
        }
        if (port == peerPort && frame.payload() instanceof RawEthernetPayload raw && raw.etherType() == MLAG_ETHERTYPE) {
            receiveSync(raw.data(), now, out);
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
        HashMap<MacAddress, Integer> gateways = gatewayPorts[vlan];
        if (!src.isMulticast() && (gateways == null || !gateways.containsKey(src))) learn(vlan, src, port, now, out);
        MacAddress dst = frame.destination();
        if (!dst.isMulticast()) {
            Integer gateway = gateways == null ? null : gateways.get(dst);
            if (gateway != null && portUp(gateway)) {
                if (gateway == port) drop(port, frame, DropReason.SAME_PORT, dst + " is the gateway on the ingress port", now, out);
                else out.send(gateway, egressFrame(gateway, vlan, frame));
                return;
            }
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
        } else if (gatewayArp[vlan] != null && frame.payload() instanceof ArpPacket arp && arp.isRequest() && !arp.isGratuitous()) {
            Integer gateway = gatewayArp[vlan].get(arp.targetIp());
            if (gateway != null && gateway != port && portUp(gateway)) {
                // the local gateway answers; the same gateway elsewhere must not hear it
                out.send(gateway, egressFrame(gateway, vlan, frame));
                return;
            }
        }
        flood(port, vlan, frame, now, out);
    }

    private void flood(int ingress, int vlan, EthernetFrame frame, long now, Outputs out) {
        EthernetFrame untagged = null;
        EthernetFrame tagged = null;
        boolean sent = false;
        boolean fromPeer = ingress == peerPort;
        for (int p : members[vlan]) {
            if (p == ingress || !portUp(p)) continue;
            // MLAG: the peer has delivered it to the devices behind its up members
            if (fromPeer && mlagIdOf[p] != 0 && peerMemberUp[mlagIdOf[p]]) continue;
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
        int id = mlagIdOf[port];
        Entry e = install(vlan, mac, port, id, port == peerPort, now, out);
        // MLAG: tell the peer where a dual-homed MAC lives when that changes, and again before its copy could age out
        if (id != 0 && (installChanged || e.syncedAt == NOT_ARMED || now - e.syncedAt >= aging / 2)) {
            e.syncedAt = now;
            sendMacSync(e, out);
        }
    }

    /**
     * Creates, moves or refreshes the entry of {@code mac}. {@code fromPeer}: the frame came over
     * the MLAG peer link, which does not take a MAC away from an up member.
     */
    private Entry install(int vlan, MacAddress mac, int port, int mlagId, boolean fromPeer, long now, Outputs out) {
        HashMap<MacAddress, Entry> table = tables[vlan];
        if (table == null) tables[vlan] = table = new HashMap<>();
        Entry e = table.get(mac);
        long expiresAt = now + aging;
        installChanged = true;
        if (e == null) {
            e = new Entry(vlan, mac, port, expiresAt);
            e.mlagId = mlagId;
            table.put(mac, e);
            append(e);
            out.trace(new TraceEvent.MacLearned(now, name(), vlan, mac, portName(port)));
            armAging(out);
            return e;
        }
        boolean heldByMember = fromPeer && mlagIdOf[e.port] != 0 && portUp(e.port);
        installChanged = !heldByMember && (e.port != port || e.mlagId != mlagId);
        if (e.port != port && !heldByMember) {
            int old = e.port;
            e.port = port;
            out.trace(new TraceEvent.MacMoved(now, name(), vlan, mac, portName(old), portName(port)));
        }
        if (!heldByMember) e.mlagId = mlagId;
        e.expiresAt = expiresAt;
        if (e != newest) {
            unlink(e);
            append(e);
        }
        return e;
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

    // ---- MLAG peer synchronisation ---------------------------------------------------------

    /** Tells the peer which MLAG ids have an up member here. */
    private void sendMemberState(Outputs out) {
        if (peerPort < 0 || !portUp(peerPort)) return;
        int count = 0;
        for (int p = 0; p < mlagIdOf.length; p++) if (mlagIdOf[p] != 0 && portUp(p)) count++;
        byte[] b = new byte[4 + 2 * count];
        b[0] = SYNC_MAGIC;
        b[1] = SYNC_STATE;
        put16(b, 2, count);
        int i = 4;
        for (int p = 0; p < mlagIdOf.length; p++) {
            if (mlagIdOf[p] != 0 && portUp(p)) {
                put16(b, i, mlagIdOf[p]);
                i += 2;
            }
        }
        sendSync(b, out);
    }

    private void sendMacSync(Entry e, Outputs out) {
        if (peerPort < 0 || !portUp(peerPort)) return;
        byte[] b = new byte[14];
        b[0] = SYNC_MAGIC;
        b[1] = SYNC_MAC;
        put16(b, 2, e.vlan);
        e.mac.toBytes(b, 4);
        put16(b, 10, e.mlagId);
        sendSync(b, out);
    }

    /** After the peer link comes up: every MAC held on a member, so the peer can rebuild its view. */
    private void resyncMacs(long now, Outputs out) {
        for (Entry e = oldest; e != null; e = e.next) {
            if (e.mlagId != 0 && e.port != peerPort) {
                e.syncedAt = now;
                sendMacSync(e, out);
            }
        }
    }

    private void sendSync(byte[] data, Outputs out) {
        out.send(peerPort, EthernetFrame.untagged(MLAG_CONTROL_MAC, MLAG_CONTROL_SOURCE,
                new RawEthernetPayload(MLAG_ETHERTYPE, Bytes.of(data))));
    }

    private void receiveSync(Bytes data, long now, Outputs out) {
        if (data.length() < 4 || data.get(0) != SYNC_MAGIC) {
            out.trace(new TraceEvent.Note(now, name(), "malformed MLAG control frame ignored"));
            return;
        }
        int type = data.get(1);
        if (type == SYNC_STATE) {
            int count = get16(data, 2);
            if (data.length() < 4 + 2 * count) return;
            Arrays.fill(peerMemberUp, false);
            for (int i = 0; i < count; i++) {
                int id = get16(data, 4 + 2 * i);
                if (id >= 1 && id <= MlagConfig.MAX_ID) peerMemberUp[id] = true;
            }
        } else if (type == SYNC_MAC && data.length() >= 12) {
            int vlan = get16(data, 2);
            byte[] raw = data.toArray();
            MacAddress mac = MacAddress.fromBytes(raw, 4);
            int id = get16(data, 10);
            if (vlan < 1 || vlan >= VLAN_IDS - 1 || id < 1 || id > MlagConfig.MAX_ID || mac.isMulticast()) return;
            if (gatewayPorts[vlan] != null && gatewayPorts[vlan].containsKey(mac)) return;
            int member = localMemberOf[id];
            int port = member >= 0 && portUp(member) ? member : peerPort;
            if (!carries[port][vlan]) return;
            install(vlan, mac, port, id, false, now, out);
        }
    }

    private static void put16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }

    private static int get16(Bytes b, int offset) {
        return ((b.get(offset) & 0xFF) << 8) | (b.get(offset + 1) & 0xFF);
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
