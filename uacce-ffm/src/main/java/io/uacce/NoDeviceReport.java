package io.uacce;

import java.util.List;
import java.util.stream.Collectors;

/** Builds the message of a {@link NoDeviceException}: what was looked for, where, what was found. */
final class NoDeviceReport {

    private NoDeviceReport() {
    }

    static String explain(Uacce host, String algorithm, List<DeviceInfo> all) {
        String where = " under " + host.sysfsRoot() + " (" + host.description() + ")";
        if (all.isEmpty()) {
            return "no uacce device for algorithm '" + algorithm + "'" + where + ": no device at all. "
                    + "Check that the hisi_zip driver is loaded with uacce enabled (upstream: an SVA-capable"
                    + " IOMMU; openEuler/KAE: modprobe hisi_zip uacce_mode=1 or 2) and that the sysfs root"
                    + " is right (-Duacce.sysfs.root), or run with -Duacce.target=model to use the"
                    + " in-process device model (native-stubs on the class path)";
        }
        List<DeviceInfo> offering = all.stream().filter(d -> d.supports(algorithm)).toList();
        if (offering.isEmpty()) {
            return "no uacce device offers algorithm '" + algorithm + "'" + where + "; found: "
                    + all.stream().map(d -> d.name() + " (" + String.join(", ", d.algorithms()) + ")")
                            .collect(Collectors.joining("; "))
                    + ". Algorithm names must match a whole line of the device's 'algorithms' file";
        }
        List<DeviceInfo> usable = offering.stream().filter(DeviceInfo::usable).toList();
        if (usable.isEmpty()) {
            return "every uacce device offering '" + algorithm + "'" + where + " is unusable: "
                    + offering.stream().map(d -> d.name() + (d.isolated() ? " is isolated (too many hardware"
                            + " errors; see its isolate_strategy)" : " has dev_state " + d.devState().orElse(0)))
                            .collect(Collectors.joining("; "))
                    + ". Reset or re-bind the device, or use another host";
        }
        return "all queues of the uacce devices offering '" + algorithm + "'" + where + " are in use: "
                + usable.stream().map(d -> d.name() + " available_instances=" + d.availableInstances())
                        .collect(Collectors.joining("; "))
                + ". Close queues, raise the driver's queue count (hisi_zip pf_q_num), or retry later";
    }
}
