package dev.vigil.housekeeping;

import java.util.Locale;

/** The two schedules: hourly retention, rollups and size report; weekly table maintenance. */
public enum HousekeepingTask {
    HOURLY("hourly"),
    WEEKLY_MAINTENANCE("weekly-maintenance");

    private final String name;

    HousekeepingTask(String name) {
        this.name = name;
    }

    public String taskName() {
        return name;
    }

    /** Unknown or missing names run the hourly task: it is the one whose absence fills the disk. */
    public static HousekeepingTask fromName(String name) {
        if (name != null && name.trim().toLowerCase(Locale.ROOT).contains("weekly")) {
            return WEEKLY_MAINTENANCE;
        }
        return HOURLY;
    }
}
