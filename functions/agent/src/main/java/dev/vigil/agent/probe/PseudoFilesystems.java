package dev.vigil.agent.probe;

import java.util.Set;

/** File system types that hold no user data (kernel views, memory, container layers): disk metrics for them are noise. */
public final class PseudoFilesystems {

    private static final Set<String> TYPES = Set.of("tmpfs", "devtmpfs", "overlay", "overlayfs", "proc", "sysfs",
            "squashfs", "cgroup", "cgroup2", "nsfs", "devpts", "mqueue", "debugfs", "tracefs", "securityfs", "pstore",
            "bpf", "autofs", "hugetlbfs", "configfs", "fusectl", "binfmt_misc", "rpc_pipefs", "efivarfs", "ramfs",
            "selinuxfs", "rootfs", "nfsd", "fuse.lxcfs", "fuse.gvfsd-fuse", "fuse.portal", "fuse.snapfuse", "none",
            "shm", "aufs", "zram", "iso9660");

    private PseudoFilesystems() {
    }

    public static boolean isPseudo(String fstype) {
        return fstype == null || TYPES.contains(fstype);
    }
}
