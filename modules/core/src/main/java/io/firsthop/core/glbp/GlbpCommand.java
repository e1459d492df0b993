package io.firsthop.core.glbp;

import io.firsthop.core.DeviceCommand;

/** Commands a router hands to its {@link GlbpGroup} of the same group number. */
public sealed interface GlbpCommand extends DeviceCommand {
    int group();

    /** Set the weighting (what interface tracking does by decrementing). */
    record SetWeighting(int group, int weighting) implements GlbpCommand {
        public SetWeighting {
            GlbpConfig.requireWeighting("weighting", weighting);
        }
    }

    /** Set the AVG election priority. */
    record SetPriority(int group, int priority) implements GlbpCommand {
        public SetPriority {
            if (priority < 1 || priority > 255) throw new IllegalArgumentException("GLBP priority must be 1..255, was " + priority);
        }
    }
}
