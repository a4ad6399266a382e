package dev.vigil.ingest.format;

import java.util.Set;

/** Filesystems that are not disks: their "fullness" means nothing and would only raise false alerts. */
public final class PseudoFilesystems {

    // The same list as the agent's (dev.vigil.agent.probe.PseudoFilesystems; a test in functions/local
    // keeps them equal), so a disk alerts alike whichever sender reported it.
    private static final Set<String> TYPES = Set.of("tmpfs", "devtmpfs", "overlay", "overlayfs", "proc", "sysfs",
            "squashfs", "cgroup", "cgroup2", "nsfs", "devpts", "mqueue", "debugfs", "tracefs", "securityfs", "pstore",
            "bpf", "autofs", "hugetlbfs", "configfs", "fusectl", "binfmt_misc", "rpc_pipefs", "efivarfs", "ramfs",
            "selinuxfs", "rootfs", "nfsd", "fuse.lxcfs", "fuse.gvfsd-fuse", "fuse.portal", "fuse.snapfuse", "none",
            "shm", "aufs", "zram", "iso9660");

    private PseudoFilesystems() {
    }

    /** collectd sends no file system type: an unknown type is a disk here, unlike in the agent, which always knows it. */
    public static boolean isPseudo(String fstype) {
        return fstype != null && TYPES.contains(fstype);
    }
}
