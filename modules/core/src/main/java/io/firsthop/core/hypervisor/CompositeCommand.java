package io.firsthop.core.hypervisor;

import io.firsthop.core.DeviceCommand;
import java.util.Objects;

/** Commands a {@link CompositeDevice} understands: aimed at one of its inner devices by name. */
public sealed interface CompositeCommand extends DeviceCommand {
    /** The inner device named {@code core}. */
    String core();

    /** Hands {@code command} to the inner device (e.g. {@code SetGateway} to a VM). */
    record ToCore(String core, DeviceCommand command) implements CompositeCommand {
        public ToCore {
            Objects.requireNonNull(core, "core");
            Objects.requireNonNull(command, "command");
        }
    }

    /** The inner device crashes (a VM or the distributed router dies); its inner neighbours lose carrier. */
    record CrashCore(String core) implements CompositeCommand {
        public CrashCore {
            Objects.requireNonNull(core, "core");
        }
    }

    /** The inner device powers on again with fresh state; its inner neighbours regain carrier. */
    record RestartCore(String core) implements CompositeCommand {
        public RestartCore {
            Objects.requireNonNull(core, "core");
        }
    }
}
