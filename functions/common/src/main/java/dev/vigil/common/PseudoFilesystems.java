package dev.vigil.common;

import java.util.Set;

/**
 * File system types that hold no user data (kernel views, memory, container layers): their "fullness" means
 * nothing and would only raise false alerts. One list for the agent and every ingest format, so a disk alerts
 * alike whichever sender reported it.
 */
public final class PseudoFilesystems {

    private static final Set<String> TYPES = Set.of("tmpfs", "devtmpfs", "overlay", "overlayfs", "proc", "sysfs",
            "squashfs", "cgroup", "cgroup2", "nsfs", "devpts", "mqueue", "debugfs", "tracefs", "securityfs", "pstore",
            "bpf", "autofs", "hugetlbfs", "configfs", "fusectl", "binfmt_misc", "rpc_pipefs", "efivarfs", "ramfs",
            "selinuxfs", "rootfs", "nfsd", "fuse.lxcfs", "fuse.gvfsd-fuse", "fuse.portal", "fuse.snapfuse", "none",
            "shm", "aufs", "zram", "iso9660");

    private PseudoFilesystems() {
    }

    /**
     * Whether {@code fstype} is a known pseudo file system. An unknown type (null) is not: collectd sends none,
     * and a sender that always knows the type (the agent) decides for itself what a missing one means.
     */
    public static boolean isPseudo(String fstype) {
        return fstype != null && TYPES.contains(fstype);
    }
}
