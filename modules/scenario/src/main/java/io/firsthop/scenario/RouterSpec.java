package io.firsthop.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A router (or spine): routed interfaces, possibly running gateway protocols, static routes
 * and tracking objects.
 */
public record RouterSpec(List<RoutedInterface> interfaces, List<Route> routes, List<TrackObject> tracking) implements NodeSpec {
    public RouterSpec {
        interfaces = List.copyOf(interfaces);
        routes = List.copyOf(routes);
        tracking = List.copyOf(tracking);
    }

    @Override
    public List<String> portNames() {
        List<String> names = new ArrayList<>(interfaces.size());
        for (RoutedInterface i : interfaces) names.add(i.name());
        return names;
    }

    @Override
    public List<L3Interface> l3Interfaces() {
        return List.copyOf(interfaces);
    }
}
