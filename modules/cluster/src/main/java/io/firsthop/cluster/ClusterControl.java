package io.firsthop.cluster;

import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.core.DeviceCommand;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.TraceEvent;

import java.util.List;
import java.util.Objects;

/**
 * The failure-injection API of the cluster engine: the commands a scenario timeline issues,
 * from any site of the run, routed to the site(s) they concern through the cluster (each
 * site's {@link SiteControl}). Mirrors the virtual engine's failure methods: every command
 * comes with a run-clock instant first ({@code crash(at, "r1")}), which each target site
 * honours on its precise delivery thread, or without one, meaning now.
 *
 * <p>Routing: a device failure goes to the device's site; a link failure to the site of each
 * end (both, for a cross-site link); a WAN impairment, partition or heal to both sites of
 * the pair; a site kill to that site. Names are checked against the topology here, so a
 * typo fails at the call. A target site must be an Up member.
 *
 * <p>Thread-safe (it only sends messages).
 */
public final class ClusterControl {
    private final Site site;
    private final ClusterTopology topology;

    /** Injects from {@code site} into the run of {@code topology}. */
    public ClusterControl(Site site, ClusterTopology topology) {
        this.site = Objects.requireNonNull(site, "site");
        this.topology = Objects.requireNonNull(topology, "topology");
    }

    public void crash(String device) {
        crash(now(), device);
    }

    /** Crashes {@code device} at {@code at}, its ports losing carrier (a power failure). */
    public void crash(long at, String device) {
        crash(at, device, true);
    }

    /** Crashes {@code device} at {@code at}; without {@code loseCarrier} its ports keep carrier (a hung control plane). */
    public void crash(long at, String device, boolean loseCarrier) {
        toDevice(at, device, new Failure.Crash(device, loseCarrier));
    }

    public void shutdown(String device) {
        shutdown(now(), device);
    }

    /** Shuts {@code device} down gracefully at {@code at}: FHRP groups resign first. */
    public void shutdown(long at, String device) {
        toDevice(at, device, new Failure.Shutdown(device));
    }

    public void restart(String device) {
        restart(now(), device);
    }

    /** Powers {@code device} on again at {@code at} with fresh state. */
    public void restart(long at, String device) {
        toDevice(at, device, new Failure.Restart(device));
    }

    public void crashSwitch(String device) {
        crashSwitch(now(), device);
    }

    /** A switch crash: the switch dies and its MAC table with it ({@link #restart} brings it back empty). */
    public void crashSwitch(long at, String device) {
        crash(at, device, true);
    }

    public void interfaceDown(String device, String port) {
        interfaceDown(now(), device, port);
    }

    /** Administratively shuts {@code device}'s {@code port} at {@code at}; its peer loses carrier. */
    public void interfaceDown(long at, String device, String port) {
        toDevice(at, device, new Failure.InterfaceDown(device, port));
    }

    public void interfaceUp(String device, String port) {
        interfaceUp(now(), device, port);
    }

    /** Administratively enables {@code device}'s {@code port} at {@code at}. */
    public void interfaceUp(long at, String device, String port) {
        toDevice(at, device, new Failure.InterfaceUp(device, port));
    }

    public void cutLink(String link) {
        cutLink(now(), link);
    }

    /** Cuts a cable at {@code at}: both ends lose carrier, frames on it are lost (LINK_DOWN). */
    public void cutLink(long at, String link) {
        toLink(at, link, new Failure.CutLink(link));
    }

    public void restoreLink(String link) {
        restoreLink(now(), link);
    }

    /** Reconnects a cut cable at {@code at}. */
    public void restoreLink(long at, String link) {
        toLink(at, link, new Failure.RestoreLink(link));
    }

    public void impair(String link, LinkConfig config) {
        impair(now(), link, config);
    }

    /** Changes a link's impairments at {@code at} for frames sent from then on. */
    public void impair(long at, String link, LinkConfig config) {
        toLink(at, link, new Failure.ImpairLink(link, config));
    }

    public void impairWan(String siteA, String siteB, LinkConfig config) {
        impairWan(now(), siteA, siteB, config);
    }

    /** Changes the impairments of the WAN between two sites at {@code at}. */
    public void impairWan(long at, String siteA, String siteB, LinkConfig config) {
        toPair(at, new Failure.ImpairWan(siteA, siteB, config), siteA, siteB);
    }

    public void partition(String siteA, String siteB) {
        partition(now(), siteA, siteB);
    }

    /** From {@code at}, every frame between the two sites is dropped as LINK_DOWN (membership is untouched). */
    public void partition(long at, String siteA, String siteB) {
        toPair(at, new Failure.Partition(siteA, siteB), siteA, siteB);
    }

    public void heal(String siteA, String siteB) {
        heal(now(), siteA, siteB);
    }

    /** Ends a partition at {@code at}. */
    public void heal(long at, String siteA, String siteB) {
        toPair(at, new Failure.Heal(siteA, siteB), siteA, siteB);
    }

    public void killSite(String target) {
        killSite(now(), target);
    }

    /**
     * Kills {@code target}'s JVM with SIGKILL at {@code at} (the site kills itself, so this
     * works across machines too). Traced here as a {@code Note}: the dead site's own trace
     * may not survive it.
     */
    public void killSite(long at, String target) {
        requireSite(target);
        site.trace(new TraceEvent.Note(now(), "site:" + site.name(), "kill-site " + target + " at " + at));
        send(target, new Failure.KillSite(target), at);
    }

    public void command(String device, DeviceCommand command) {
        command(now(), device, command);
    }

    /** Delivers a device-specific command at {@code at}. */
    public void command(long at, String device, DeviceCommand command) {
        toDevice(at, device, new Failure.Command(device, command));
    }

    /** Sends {@code failure} to the sites it concerns, to be applied at {@code at}. */
    public void apply(long at, Failure failure) {
        switch (failure) {
            case Failure.Crash c -> toDevice(at, c.device(), c);
            case Failure.Shutdown s -> toDevice(at, s.device(), s);
            case Failure.Restart r -> toDevice(at, r.device(), r);
            case Failure.InterfaceDown d -> toDevice(at, d.device(), d);
            case Failure.InterfaceUp u -> toDevice(at, u.device(), u);
            case Failure.CutLink c -> toLink(at, c.link(), c);
            case Failure.RestoreLink r -> toLink(at, r.link(), r);
            case Failure.ImpairLink i -> toLink(at, i.link(), i);
            case Failure.ImpairWan w -> toPair(at, w, w.siteA(), w.siteB());
            case Failure.Partition p -> toPair(at, p, p.siteA(), p.siteB());
            case Failure.Heal h -> toPair(at, h, h.siteA(), h.siteB());
            case Failure.KillSite k -> killSite(at, k.site());
            case Failure.Command c -> toDevice(at, c.device(), c);
        }
    }

    private long now() {
        return site.clock().now();
    }

    private void toDevice(long at, String device, Failure failure) {
        send(topology.siteOf(device), failure, at);
    }

    private void toLink(long at, String link, Failure failure) {
        List<String> sites = topology.sitesOf(link);
        for (String s : sites) send(s, failure, at);
    }

    private void toPair(long at, Failure failure, String siteA, String siteB) {
        requireSite(siteA);
        requireSite(siteB);
        send(siteA, failure, at);
        send(siteB, failure, at);
    }

    private void requireSite(String s) {
        if (!topology.sites().contains(s)) {
            throw new IllegalArgumentException("topology " + topology.name() + " has no site '" + s + "' (sites: " + topology.sites() + ")");
        }
    }

    private void send(String target, Failure failure, long at) {
        site.controlOf(target).tell(new SiteControl.Apply(failure, at));
    }
}
