package io.uacce.compress.cli;

import io.uacce.DeviceInfo;
import io.uacce.Region;
import io.uacce.Uacce;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Lists the uacce devices of the host with their sysfs facts. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List uacce devices (sysfs facts). Host from -Duacce.target / uacce.sysfs.root / uacce.dev.root.")
final class DevicesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Uacce host = Uacce.system();
        System.out.println("host: " + host.description() + " (page size " + host.pageSize() + ")");
        List<DeviceInfo> all = host.devices();
        if (all.isEmpty()) {
            System.out.println("no uacce devices");
            return 0;
        }
        for (DeviceInfo d : all) {
            System.out.printf("%s  %s%n", d.name(), d.devicePath());
            System.out.printf("  api %s, flags %d (%s), algorithms %s%n", d.api(), d.flags(), d.sva() ? "SVA" : "no SVA",
                    String.join(",", d.algorithms()));
            System.out.printf("  regions: mmio %d, dus %d, ss %d bytes%n", d.regionSize(Region.MMIO),
                    d.regionSize(Region.DUS), d.regionSize(Region.SS));
            System.out.printf("  available_instances %d, numa node %d%s%s%s%n", d.availableInstances(), d.numaNode(),
                    d.numaDistance().isPresent() ? ", numa_distance " + d.numaDistance().getAsInt() : "",
                    d.isolated() ? ", ISOLATED" : "",
                    d.isolateStrategy().isPresent() ? ", isolate_strategy " + d.isolateStrategy().getAsInt() : "");
        }
        host.select("gzip").or(() -> host.select("zlib"))
                .ifPresent(d -> System.out.println("selected for zlib/gzip (nearest NUMA node, most free queues): " + d.name()));
        return 0;
    }
}
