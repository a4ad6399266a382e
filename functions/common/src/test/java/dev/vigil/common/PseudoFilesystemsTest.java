package dev.vigil.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PseudoFilesystemsTest {

    @Test
    void kernelAndMemoryFileSystemsArePseudoAndDisksAreNot() {
        for (String type : new String[] {"tmpfs", "overlay", "proc", "squashfs", "fuse.lxcfs", "iso9660"}) {
            assertTrue(PseudoFilesystems.isPseudo(type), type);
        }
        for (String type : new String[] {"ext4", "xfs", "btrfs", "zfs", "nfs4", "cifs", "vfat"}) {
            assertFalse(PseudoFilesystems.isPseudo(type), type);
        }
    }

    @Test
    void anUnknownTypeIsNotPseudo() {
        assertFalse(PseudoFilesystems.isPseudo(null), "collectd sends no type: its disks must still count");
    }
}
