package dev.vigil.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The agent and the ingest formats must skip the same file systems, or a disk alerts depending on its sender. */
class PseudoFilesystemsAgreeTest {

    static final List<String> TYPES = List.of("ext4", "xfs", "btrfs", "zfs", "nfs", "nfs4", "cifs", "vfat", "tmpfs",
            "devtmpfs", "overlay", "overlayfs", "proc", "sysfs", "squashfs", "cgroup", "cgroup2", "nsfs", "devpts",
            "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "autofs", "hugetlbfs", "configfs", "fusectl",
            "binfmt_misc", "rpc_pipefs", "efivarfs", "ramfs", "selinuxfs", "rootfs", "nfsd", "fuse.lxcfs",
            "fuse.gvfsd-fuse", "fuse.portal", "fuse.snapfuse", "none", "shm", "aufs", "zram", "iso9660");

    @Test
    void agentAndIngestSkipTheSameFileSystems() {
        for (String type : TYPES) {
            assertEquals(dev.vigil.agent.probe.PseudoFilesystems.isPseudo(type),
                    dev.vigil.ingest.format.PseudoFilesystems.isPseudo(type), type);
        }
    }
}
