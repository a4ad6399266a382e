package dev.vigil.ingest.format;

import java.util.Set;

/** Filesystems that are not disks: their "fullness" means nothing and would only raise false alerts. */
public final class PseudoFilesystems {

    private static final Set<String> TYPES = Set.of(
            "tmpfs", "devtmpfs", "overlay", "squashfs", "proc", "sysfs", "cgroup", "cgroup2", "nsfs", "ramfs",
            "autofs", "tracefs", "debugfs", "securityfs", "pstore", "bpf", "mqueue", "hugetlbfs", "configfs",
            "devpts", "fusectl", "binfmt_misc", "rpc_pipefs", "efivarfs", "fuse.lxcfs", "shm", "rootfs", "iso9660");

    private PseudoFilesystems() {
    }

    public static boolean isPseudo(String fstype) {
        return fstype != null && TYPES.contains(fstype);
    }
}
