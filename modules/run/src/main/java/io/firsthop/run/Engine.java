package io.firsthop.run;

/**
 * A runtime that plays a {@link NetworkPlan}: the virtual engine ({@link VirtualRunner}) in
 * virtual time, or the cluster engine in wall-clock time on Pekko sites. The choice is the
 * user's ({@code firsthop run --engine}); everything before (binding) and after (reports,
 * expectations) is the same.
 */
public interface Engine {
    /** The name users choose it by: "virtual", "cluster". */
    String name();

    /**
     * Runs {@code plan} from time 0 to {@link RunSettings#endOf its end}: builds and powers on its
     * devices, connects its links, applies its timeline, and hands every trace event with its
     * site to {@code sink}, reporting progress to {@code control} and stopping early, keeping
     * what was measured, when {@code control} asks.
     *
     * @throws RunFailure if the run itself fails
     */
    EngineResult run(NetworkPlan plan, RunSettings settings, SiteTraceSink sink, RunControl control);

    /**
     * Whether it writes per-link captures itself ({@link RunSettings#captureDir()}). When it does
     * not, {@link ScenarioRun} writes them from the frame events the engine traces, and the engine
     * is given no capture directory.
     */
    default boolean supportsCapture() {
        return true;
    }
}
