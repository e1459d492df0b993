package io.firsthop.scenario;

import java.util.Objects;

/**
 * A device of the scenario.
 *
 * @param name the node's name, unique in the scenario
 * @param kind what the user called it
 * @param site the site (JVM) it runs in
 * @param spec its configuration; its shape follows the kind (see {@link NodeKind})
 */
public record Node(String name, NodeKind kind, String site, NodeSpec spec) {
    public Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(spec, "spec");
        boolean fits = switch (spec) {
            case HostSpec h -> kind.isHost();
            case SwitchSpec s -> kind.isSwitch();
            case RouterSpec r -> kind.isRouter();
        };
        if (!fits) throw new IllegalArgumentException(name + ": a " + kind.yamlName() + " cannot have a " + spec.getClass().getSimpleName());
    }
}
