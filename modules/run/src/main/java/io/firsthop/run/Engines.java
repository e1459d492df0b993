package io.firsthop.run;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The engines a run can use: the built-in virtual engine, and any other {@link Engine} a module
 * on the class path provides through {@link ServiceLoader} (the cluster engine does, once built
 * in), found by its {@link Engine#name()}.
 */
public final class Engines {
    /** The names users may ask for, whether or not this build has them. */
    public static final List<String> KNOWN = List.of("virtual", "cluster");

    private Engines() {
    }

    /** The engine named {@code name}; an {@link IllegalArgumentException} saying why when there is none. */
    public static Engine byName(String name) {
        if (name.equals("virtual")) return new VirtualRunner();
        List<String> available = new ArrayList<>(List.of("virtual"));
        for (Engine e : ServiceLoader.load(Engine.class)) {
            if (e.name().equals(name)) return e;
            available.add(e.name());
        }
        if (KNOWN.contains(name)) {
            throw new IllegalArgumentException("the " + name + " engine is not available in this build yet; engines available: "
                    + String.join(", ", available));
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; engines: " + String.join(", ", KNOWN));
    }
}
