package io.firsthop.run;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.link.LinkConfig;
import java.util.List;
import java.util.Objects;

/**
 * What the timeline does to the network at one instant, in the failure vocabulary both engines
 * offer (the virtual engine's {@code crash}, {@code shutdown}, {@code restart},
 * {@code interfaceDown/Up}, {@code cutLink}, {@code restoreLink}, {@code impair}, {@code command}).
 * Scenario events become one or more of these ({@link Binder}); a site partition, for example,
 * is a {@link CutLink} per cross-site link. A {@link KillSite} is the one action engines play
 * differently: the virtual engine crashes the site's devices, the cluster engine with one JVM
 * per site kills that site's JVM.
 */
public sealed interface Action {
    /** A silent failure; {@code loseCarrier} true is a power failure (neighbours see carrier drop). */
    record Crash(String device, boolean loseCarrier) implements Action {
        public Crash {
            Objects.requireNonNull(device, "device");
        }
    }

    /** A graceful stop: groups resign first. */
    record Shutdown(String device) implements Action {
        public Shutdown {
            Objects.requireNonNull(device, "device");
        }
    }

    /** Power on again with the configured state. */
    record Restart(String device) implements Action {
        public Restart {
            Objects.requireNonNull(device, "device");
        }
    }

    record InterfaceDown(String device, String port) implements Action {
        public InterfaceDown {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(port, "port");
        }
    }

    record InterfaceUp(String device, String port) implements Action {
        public InterfaceUp {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(port, "port");
        }
    }

    record CutLink(String link) implements Action {
        public CutLink {
            Objects.requireNonNull(link, "link");
        }
    }

    record RestoreLink(String link) implements Action {
        public RestoreLink {
            Objects.requireNonNull(link, "link");
        }
    }

    /** New impairments for a link; {@code config.up()} is the link's state at that instant, so an impairment never heals a cut. */
    record Impair(String link, LinkConfig config) implements Action {
        public Impair {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * The site dies at once, with every device on it: {@code devices} are the site's, and an
     * engine that cannot kill a site's process crashes each of them with carrier loss (a power
     * failure), which is what the other sites see either way.
     */
    record KillSite(String site, List<String> devices) implements Action {
        public KillSite {
            Objects.requireNonNull(site, "site");
            devices = List.copyOf(devices);
        }
    }

    /** A device command: a priority change, a tracked-object override, a host's new gateway, a flow's stop. */
    record Command(String device, DeviceCommand command) implements Action {
        public Command {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(command, "command");
        }
    }
}
