package dev.vigil.ingest.format.influx;

/**
 * Line protocol in the shape Telegraf's input READMEs show as example output for cpu, mem, swap,
 * disk, diskio, net and system (same measurements, tags, field names and types), with round numbers
 * so tests can state the expected contract values.
 */
final class TelegrafSamples {

    private TelegrafSamples() {
    }

    static String stockInputs(String host, long ns) {
        return """
                cpu,cpu=cpu0,host=%1$s usage_active=12.1,usage_guest=0,usage_guest_nice=0,usage_idle=87.9,usage_iowait=0,usage_irq=0,usage_nice=0,usage_softirq=0.1,usage_steal=0,usage_system=3,usage_user=9 %2$d
                cpu,cpu=cpu1,host=%1$s usage_active=5,usage_guest=0,usage_guest_nice=0,usage_idle=95,usage_iowait=0,usage_irq=0,usage_nice=0,usage_softirq=0,usage_steal=0,usage_system=2,usage_user=3 %2$d
                cpu,cpu=cpu-total,host=%1$s usage_active=9.5,usage_guest=0,usage_guest_nice=0,usage_idle=90.5,usage_iowait=2.5,usage_irq=0,usage_nice=0,usage_softirq=0.5,usage_steal=0,usage_system=2.5,usage_user=4 %2$d
                mem,host=%1$s active=9299595264i,available=16818249728i,available_percent=80.41654254645131,buffered=2383761408i,cached=13316689920i,free=1877688320i,total=20913356800i,used=3335217152i,used_percent=15.947882478578108 %2$d
                swap,host=%1$s free=750i,total=1000i,used=250i,used_percent=25 %2$d
                swap,host=%1$s in=0i,out=0i %2$d
                disk,device=sda1,fstype=ext4,host=%1$s,mode=rw,path=/ free=600i,inodes_free=600i,inodes_total=1000i,inodes_used=400i,total=1000i,used=400i,used_percent=40 %2$d
                disk,device=sda2,fstype=vfat,host=%1$s,mode=rw,path=/boot free=300i,inodes_free=0i,inodes_total=0i,inodes_used=0i,total=500i,used=200i,used_percent=40 %2$d
                diskio,host=%1$s,name=sda io_time=244i,iops_in_progress=0i,merged_reads=0i,merged_writes=0i,read_bytes=1802240i,read_time=84i,reads=112i,weighted_io_time=301i,write_bytes=60497920i,write_time=217i,writes=1520i %2$d
                net,host=%1$s,interface=eth0 bytes_recv=177020i,bytes_sent=26356i,drop_in=0i,drop_out=0i,err_in=0i,err_out=0i,packets_recv=1032i,packets_sent=289i %2$d
                net,host=%1$s,interface=lo bytes_recv=100i,bytes_sent=100i %2$d
                system,host=%1$s load1=0.78,load15=0.64,load5=0.8,n_cpus=4i,n_users=2i %2$d
                system,host=%1$s uptime=86400i %2$d
                system,host=%1$s uptime_format="1 day,  0:00" %2$d
                """.formatted(host, ns);
    }
}
