package io.firsthop.cluster;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.link.LinkConfig;

import java.util.Objects;

/**
 * What a scenario's timeline does to a running cluster: the failure vocabulary of the design
 * notes (INET's startup/shutdown/crash, Kafka's kill vs graceful, maelstrom's partition and
 * heal), by name, so that it can travel to the site(s) it concerns. {@link ClusterControl}
 * sends each to the right sites; each site's control actor applies it at its run-clock
 * instant and traces it first (a {@code DeviceEvent} or {@code LinkEvent}, as the virtual
 * engine does).
 *
 * <p>A switch crash is {@link Crash} of a switch: its MAC table is gone, and a
 * {@link Restart} brings it back empty.
 */
public sealed interface Failure {
    /** The device dies silently; with {@code loseCarrier} its ports go dark too (power failure). */
    record Crash(String device, boolean loseCarrier) implements Failure {
        public Crash {
            Objects.requireNonNull(device, "device");
        }
    }

    /** The device stops gracefully: FHRP groups resign (VRRP priority 0), then its ports go dark. */
    record Shutdown(String device) implements Failure {
        public Shutdown {
            Objects.requireNonNull(device, "device");
        }
    }

    /** The device powers on again with fresh state (a reboot if it was running). */
    record Restart(String device) implements Failure {
        public Restart {
            Objects.requireNonNull(device, "device");
        }
    }

    /** An administrator shuts a port down ("shutdown"); its peer loses carrier. */
    record InterfaceDown(String device, String port) implements Failure {
        public InterfaceDown {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(port, "port");
        }
    }

    /** An administrator brings a port up ("no shutdown"). */
    record InterfaceUp(String device, String port) implements Failure {
        public InterfaceUp {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(port, "port");
        }
    }

    /** The cable is cut: both ends lose carrier, frames on it are lost. */
    record CutLink(String link) implements Failure {
        public CutLink {
            Objects.requireNonNull(link, "link");
        }
    }

    /** The cable is reconnected. */
    record RestoreLink(String link) implements Failure {
        public RestoreLink {
            Objects.requireNonNull(link, "link");
        }
    }

    /** New impairments on a link, for frames sent from then on ({@code up} false cuts it, true restores it). */
    record ImpairLink(String link, LinkConfig config) implements Failure {
        public ImpairLink {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(config, "config");
        }
    }

    /** New impairments on the WAN between two sites (every cross-site frame between them takes them). */
    record ImpairWan(String siteA, String siteB, LinkConfig config) implements Failure {
        public ImpairWan {
            requireTwoSites(siteA, siteB);
            Objects.requireNonNull(config, "config");
        }
    }

    /** Every frame between the two sites is dropped (LINK_DOWN) until {@link Heal}; membership is untouched. */
    record Partition(String siteA, String siteB) implements Failure {
        public Partition {
            requireTwoSites(siteA, siteB);
        }
    }

    /** Ends a {@link Partition}. */
    record Heal(String siteA, String siteB) implements Failure {
        public Heal {
            requireTwoSites(siteA, siteB);
        }
    }

    /**
     * The site's JVM is killed with SIGKILL: no goodbye, no leaving the cluster. The other
     * sites notice through cluster membership (unreachable, then downed and removed) and go
     * on; frames to the dead site's devices are dropped as LINK_DOWN.
     */
    record KillSite(String site) implements Failure {
        public KillSite {
            Objects.requireNonNull(site, "site");
        }
    }

    /** A device-specific command (a host's gateway, a router's VRRP priority). */
    record Command(String device, DeviceCommand command) implements Failure {
        public Command {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(command, "command");
        }
    }

    private static void requireTwoSites(String a, String b) {
        Objects.requireNonNull(a, "siteA");
        Objects.requireNonNull(b, "siteB");
        if (a.equals(b)) throw new IllegalArgumentException("two different sites are needed, got " + a + " twice");
    }
}
