package io.firsthop.core.arp;

import io.firsthop.core.Outputs;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The neighbour table of one IPv4 interface: resolved entries with a lifetime, and the
 * addresses being resolved with their small queue of waiting packets.
 *
 * <p>How to drive it: the owning device calls {@link #send} for every IPv4 packet leaving the
 * interface (with the next hop), {@link #merge} for every ARP packet received on it, and
 * {@link #timerFired} for timer keys it does not recognise itself (the cache answers whether
 * the key was its own). The cache acts through its {@link Link}: it asks for ARP requests to
 * be broadcast, hands resolved packets back for framing, and reports packets it drops.
 *
 * <p>Learning follows Linux with {@code arp_accept = 0}, which is RFC 826's merge step: any ARP
 * packet updates an existing entry for its sender; a request for one of our addresses, or a
 * reply to a resolution in progress, creates one; nothing else creates entries (so a
 * gratuitous ARP only updates). Entries expire a fixed time after they were last confirmed;
 * Linux's STALE/DELAY/PROBE unicast re-confirmation is not modelled: after expiry the next
 * packet re-resolves by broadcast.
 *
 * <p>Expiry is exact with one timer: entries are kept in confirmation order, which with a
 * single lifetime is also expiry order, and the timer is armed at the head's expiry. A head
 * that is confirmed again moves to the tail, so the timer may fire before anything is due;
 * it then re-arms at the new head.
 */
public final class ArpCache {
    /** What the cache needs from the interface it serves. */
    public interface Link {
        /** Broadcasts an ARP request for {@code target} out of the interface. */
        void sendRequest(Ipv4Address target, long now, Outputs out);

        /** Frames {@code packet} to {@code destination} and transmits it. */
        void transmit(Ipv4Packet packet, MacAddress destination, long now, Outputs out);

        /**
         * A packet for {@code nextHop} is dropped without being sent. {@code origin} is what the
         * caller passed to {@link #send} (a router's ingress port, or -1).
         */
        void dropUnresolved(Ipv4Packet packet, int origin, Ipv4Address nextHop, DropReason reason, String detail,
                            long now, Outputs out);
    }

    /** Timer key: the next request (or the failure) for {@code ip} on {@code port} is due. */
    public record RetryTimer(int port, Ipv4Address ip) {}

    /** Timer key: the oldest entry of {@code port}'s cache may have expired. */
    public record ExpiryTimer(int port) {}

    private static final long NOT_ARMED = Long.MIN_VALUE;

    private static final class Entry {
        MacAddress mac;
        long expiresAt;

        Entry(MacAddress mac, long expiresAt) {
            this.mac = mac;
            this.expiresAt = expiresAt;
        }
    }

    private record Waiting(Ipv4Packet packet, int origin) {}

    private static final class Resolution {
        final RetryTimer timer;
        final ArrayDeque<Waiting> queue = new ArrayDeque<>(4);
        int requestsSent;

        Resolution(RetryTimer timer) {
            this.timer = timer;
        }
    }

    private final String device;
    private final int port;
    private final ArpSettings settings;
    private final Link link;
    private final ExpiryTimer expiryTimer;
    // insertion order = confirmation order = expiry order (see class comment)
    private final LinkedHashMap<Ipv4Address, Entry> entries = new LinkedHashMap<>();
    private final HashMap<Ipv4Address, Resolution> resolving = new HashMap<>();
    private long expiryArmedAt = NOT_ARMED;

    public ArpCache(String device, int port, ArpSettings settings, Link link) {
        this.device = device;
        this.port = port;
        this.settings = settings;
        this.link = link;
        this.expiryTimer = new ExpiryTimer(port);
    }

    /** The MAC currently cached for {@code ip}, or null. Does not refresh the entry. */
    public MacAddress lookup(Ipv4Address ip) {
        Entry e = entries.get(ip);
        return e == null ? null : e.mac;
    }

    /** The resolved entries, oldest confirmation first. */
    public Map<Ipv4Address, MacAddress> entries() {
        Map<Ipv4Address, MacAddress> copy = new LinkedHashMap<>();
        for (Map.Entry<Ipv4Address, Entry> e : entries.entrySet()) copy.put(e.getKey(), e.getValue().mac);
        return copy;
    }

    /** Whether a resolution of {@code ip} is in progress. */
    public boolean resolving(Ipv4Address ip) {
        return resolving.containsKey(ip);
    }

    /**
     * Sends {@code packet} to {@code nextHop}: at once if resolved, otherwise queued while
     * requests go out (RFC 826: the packet waits for the reply).
     */
    public void send(Ipv4Packet packet, Ipv4Address nextHop, int origin, long now, Outputs out) {
        Entry e = entries.get(nextHop);
        if (e != null) {
            link.transmit(packet, e.mac, now, out);
            return;
        }
        Resolution r = resolving.get(nextHop);
        if (r == null) {
            r = new Resolution(new RetryTimer(port, nextHop));
            resolving.put(nextHop, r);
            request(r, now, out);
        }
        if (r.queue.size() >= settings.queueLimit()) {
            link.dropUnresolved(packet, origin, nextHop, DropReason.ARP_QUEUE_FULL,
                    r.queue.size() + " packets already wait for " + nextHop, now, out);
            return;
        }
        r.queue.add(new Waiting(packet, origin));
    }

    /**
     * RFC 826 merge of a received ARP packet. {@code forUs} says whether its target address is
     * one this interface answers for (the caller decides: own addresses, FHRP virtual ones).
     */
    public void merge(ArpPacket arp, boolean forUs, long now, Outputs out) {
        Ipv4Address ip = arp.senderIp();
        MacAddress mac = arp.senderMac();
        // RFC 5227 probes (sender 0.0.0.0) and malformed senders teach nothing
        if (ip.value() == 0 || mac.isMulticast() || mac.value() == 0) return;
        long expiresAt = now + settings.entryTimeoutNanos();
        Entry e = entries.remove(ip);
        if (e != null) {
            // RFC 826: "If the pair <protocol type, sender protocol address> is already in my
            // translation table, update the sender hardware address field"
            MacAddress previous = e.mac;
            e.mac = mac;
            e.expiresAt = expiresAt;
            entries.put(ip, e);
            if (!previous.equals(mac)) out.trace(new TraceEvent.ArpLearned(now, device, ip, mac, previous));
            armExpiry(out);
            return;
        }
        Resolution r = resolving.remove(ip);
        boolean create = r != null || (forUs && arp.isRequest() && !arp.isGratuitous());
        if (!create) return;
        entries.put(ip, new Entry(mac, expiresAt));
        out.trace(new TraceEvent.ArpLearned(now, device, ip, mac, null));
        armExpiry(out);
        if (r != null) {
            out.cancelTimer(r.timer);
            for (Waiting w : r.queue) link.transmit(w.packet(), mac, now, out);
        }
    }

    /** Handles {@code key} if it is one of this cache's timers; returns whether it was. */
    public boolean timerFired(Object key, long now, Outputs out) {
        if (key instanceof RetryTimer t) {
            if (t.port() != port) return false;
            Resolution r = resolving.get(t.ip());
            if (r != null) retryOrFail(r, now, out);
            return true;
        }
        if (expiryTimer.equals(key)) {
            expiryArmedAt = NOT_ARMED;
            Iterator<Map.Entry<Ipv4Address, Entry>> it = entries.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Ipv4Address, Entry> head = it.next();
                if (head.getValue().expiresAt > now) break;
                it.remove();
                out.trace(new TraceEvent.ArpExpired(now, device, head.getKey(), head.getValue().mac));
            }
            armExpiry(out);
            return true;
        }
        return false;
    }

    /**
     * Forgets everything (the interface went down, or the device stopped): cancels this cache's
     * timers and drops every waiting packet with {@code reason}. Returns how many entries were
     * forgotten.
     */
    public int flush(DropReason reason, String detail, long now, Outputs out) {
        int forgotten = entries.size();
        entries.clear();
        if (expiryArmedAt != NOT_ARMED) {
            out.cancelTimer(expiryTimer);
            expiryArmedAt = NOT_ARMED;
        }
        if (!resolving.isEmpty()) {
            List<Map.Entry<Ipv4Address, Resolution>> pending = new ArrayList<>(resolving.entrySet());
            resolving.clear();
            for (Map.Entry<Ipv4Address, Resolution> p : pending) {
                out.cancelTimer(p.getValue().timer);
                for (Waiting w : p.getValue().queue) {
                    link.dropUnresolved(w.packet(), w.origin(), p.getKey(), reason, detail, now, out);
                }
            }
        }
        return forgotten;
    }

    private void request(Resolution r, long now, Outputs out) {
        r.requestsSent++;
        link.sendRequest(r.timer.ip(), now, out);
        out.armTimer(r.timer, now + settings.retryIntervalNanos());
    }

    private void retryOrFail(Resolution r, long now, Outputs out) {
        if (r.requestsSent < settings.requestAttempts()) {
            request(r, now, out);
            return;
        }
        Ipv4Address ip = r.timer.ip();
        resolving.remove(ip);
        out.trace(new TraceEvent.ArpFailed(now, device, ip, r.requestsSent));
        String detail = "no ARP reply from " + ip + " after " + r.requestsSent + " requests";
        for (Waiting w : r.queue) {
            link.dropUnresolved(w.packet(), w.origin(), ip, DropReason.ARP_FAILED, detail, now, out);
        }
    }

    private void armExpiry(Outputs out) {
        // Confirmations only push expiries later, so a timer armed at an earlier head is never late.
        if (expiryArmedAt != NOT_ARMED || entries.isEmpty()) return;
        expiryArmedAt = entries.firstEntry().getValue().expiresAt;
        out.armTimer(expiryTimer, expiryArmedAt);
    }
}
