package dev.vigil.agent.cleanup;

import java.nio.file.Path;

/** Run a policy out of schedule when the disk holding {@code mount} has less than this share free. */
public record EmergencyTrigger(Path mount, double freeBelowPercent) {
}
