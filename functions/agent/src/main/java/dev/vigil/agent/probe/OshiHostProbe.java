package dev.vigil.agent.probe;

import dev.vigil.common.PseudoFilesystems;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;
import oshi.spi.SystemInfoProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link HostProbe} backed by OSHI. The SystemInfo is created once (it costs hundreds of milliseconds);
 * processes are counted, never listed; file stores are read under a timeout.
 */
public final class OshiHostProbe implements HostProbe, AutoCloseable {

    static final Duration FILE_STORE_TIMEOUT = Duration.ofSeconds(5);
    /** New interfaces (VPNs, containers) are rare; re-listing them every poll costs garbage for nothing. */
    private static final int NIC_RELIST_EVERY = 40;

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;
    private final FileSystem fileSystem;
    private final FileStoreReader fileStores;
    private List<NetworkIF> nics;
    private int pollsSinceNicList;

    /** Uses OSHI's JNA implementation: it is the one that reads inode counts. */
    public OshiHostProbe() {
        this(new oshi.SystemInfo());
    }

    public OshiHostProbe(SystemInfoProvider systemInfo) {
        this.hardware = systemInfo.getHardware();
        this.os = systemInfo.getOperatingSystem();
        this.processor = hardware.getProcessor();
        this.memory = hardware.getMemory();
        this.fileSystem = os.getFileSystem();
        this.fileStores = new FileStoreReader(this::readFileStores, FILE_STORE_TIMEOUT);
    }

    @Override
    public HostReading read() {
        long now = System.nanoTime();
        CpuTicks ticks = CpuTicks.fromOshi(processor.getSystemCpuLoadTicks());
        double[] load = processor.getSystemLoadAverage(3);
        long swapTotal = memory.getVirtualMemory().getSwapTotal();
        long swapUsed = memory.getVirtualMemory().getSwapUsed();
        return new HostReading(now, ticks, processor.getLogicalProcessorCount(), load,
                memory.getTotal(), memory.getAvailable(), swapTotal, swapUsed,
                fileStores.read(), readNics(),
                os.getProcessCount(), fileSystem.getOpenFileDescriptors(), fileSystem.getMaxFileDescriptors(),
                os.getSystemUptime());
    }

    private List<FileStoreReading> readFileStores() {
        List<FileStoreReading> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (OSFileStore store : fileSystem.getFileStores(false)) {
            if (store.getType() == null || PseudoFilesystems.isPseudo(store.getType()) || store.getTotalSpace() <= 0 || !seen.add(store.getMount())) {
                continue;
            }
            out.add(new FileStoreReading(store.getMount(), store.getType(), store.getTotalSpace(), store.getFreeSpace(),
                    store.getUsableSpace(), store.getTotalInodes(), store.getFreeInodes()));
        }
        return out;
    }

    private List<NicReading> readNics() {
        if (nics == null || ++pollsSinceNicList >= NIC_RELIST_EVERY) {
            nics = hardware.getNetworkIFs(true);
            pollsSinceNicList = 0;
        } else {
            nics.forEach(NetworkIF::updateAttributes);
        }
        List<NicReading> out = new ArrayList<>(nics.size());
        for (NetworkIF nic : nics) {
            out.add(new NicReading(nic.getName(), nic.getBytesRecv(), nic.getBytesSent(),
                    nic.getInErrors() + nic.getOutErrors(), nic.getInDrops()));
        }
        return out;
    }

    @Override
    public void close() {
        fileStores.close();
    }
}
