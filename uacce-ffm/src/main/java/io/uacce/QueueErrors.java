package io.uacce;

import java.util.Locale;

/**
 * Turns kernel answers on a queue into errors that say what happened and what to do. The errno
 * meanings are those of spec §1.4 for all three PUT_Q eras: ENXIO is a zombie queue (kernels from
 * mid-2022; put or device removed), EINVAL on START_Q is "already started" (or, before mid-2022, a
 * zombie), EEXIST on mmap is a region the kernel still counts as mapped.
 */
final class QueueErrors {

    /** {@code POLLNVAL}: the descriptor is not open. */
    static final int POLLNVAL = 0x20;

    private static final String ZOMBIE = "queue is a zombie: the device was removed or the queue was put;"
            + " open a new queue";

    private QueueErrors() {
    }

    private static ErrnoException wrap(ErrnoException e, String call, String subject, String hint) {
        ErrnoException x = new ErrnoException(call, e.errno(), subject, hint);
        x.initCause(e);
        return x;
    }

    static RuntimeException openFailed(DeviceInfo device, String path, ErrnoException e) {
        String hint = switch (e.errno()) {
            case Errno.EBUSY -> "all queues of " + device.name() + " are in use (available_instances="
                    + availableText(device) + "); close queues or pick another device (Uacce.select picks"
                    + " one with free queues)";
            case Errno.ENOENT -> "no such device node; is the driver loaded and the dev root right"
                    + " (uacce.dev.root)?";
            case Errno.EACCES, Errno.EPERM -> "no read/write permission on the device node; grant access"
                    + " (udev rule, group) or run with the needed privileges";
            case Errno.ENODEV, Errno.ENXIO -> "the device is gone (removed or unbound); rediscover devices";
            case Errno.EINVAL -> "the kernel refuses new queues while the device is being removed";
            case Errno.ENOMEM -> "the kernel could not allocate the queue memory";
            default -> null;
        };
        return wrap(e, "open", path, hint);
    }

    private static String availableText(DeviceInfo device) {
        try {
            return Integer.toString(device.availableInstances());
        } catch (RuntimeException ex) {
            return "unreadable";
        }
    }

    static RuntimeException ioctlFailed(QueueResources q, String name, long request, ErrnoException e) {
        String subject = q.subject() + ", request 0x" + Long.toHexString(request).toUpperCase(Locale.ROOT);
        switch (e.errno()) {
            case Errno.ENXIO:
                q.state = QueueState.RELEASED;
                return new QueueStateException(name + " on " + q.subject() + " failed with ENXIO: " + ZOMBIE, e);
            case Errno.EINVAL:
                if (request == UacceIoctl.START_Q) {
                    return new QueueStateException("START_Q on " + q.subject() + " failed with EINVAL: the kernel"
                            + " considers the queue already started, or (kernels before mid-2022) the queue is a"
                            + " zombie; open a new queue", e);
                }
                break;
            default:
                break;
        }
        String hint = switch (e.errno()) {
            case Errno.EINVAL -> request == UacceIoctl.GET_SS_DMA
                    ? "GET_SS_DMA exists only on openEuler/KAE kernels with an SS region"
                    : "the kernel refused the request or its argument (on kernels before mid-2022 also: the"
                            + " queue is a zombie)";
            case Errno.ENOTTY -> "not a uacce/hisi_qm device node: it does not know this ioctl";
            case Errno.EPERM -> "the accelerator is not running (reset in progress?); retry later or use"
                    + " another device";
            case Errno.EBUSY, Errno.ETIMEDOUT, Errno.EIO -> "the device did not answer the kernel's mailbox"
                    + " command; the device may be resetting or failed";
            case Errno.ENODEV -> "the kernel reports an SS slice of size 0";
            case Errno.EFAULT -> "the kernel could not read or write the argument buffer";
            default -> null;
        };
        return wrap(e, "ioctl(" + name + ")", subject, hint);
    }

    static RuntimeException mmapFailed(QueueResources q, Region region, long length, ErrnoException e) {
        String subject = q.subject() + ", region " + region + ", length " + length + ", offset 0x"
                + Long.toHexString(region.offset(q.pageSize));
        String hint = switch (e.errno()) {
            case Errno.EEXIST -> "the kernel still counts region " + region + " as mapped: kernels before the"
                    + " 2023 fix (vma_close clears q->qfrs) refuse to map a region again after munmap; open a"
                    + " new queue";
            case Errno.ENXIO -> {
                q.state = QueueState.RELEASED;
                yield ZOMBIE;
            }
            case Errno.EINVAL -> region == Region.SS
                    ? "the SS region exists only on openEuler/KAE kernels (no-SVA mode)"
                    : "the kernel refused the length or offset (MMIO at most region_mmio_size, DUS exactly"
                            + " region_dus_size); on kernels before mid-2022 EINVAL also means a zombie queue";
            case Errno.ENODEV -> "the node has no mmap: not a uacce device (a CUSE device cannot map regions)";
            case Errno.ENOMEM -> "the kernel could not allocate the region (SS: DMA memory)";
            default -> null;
        };
        if (e.errno() == Errno.ENXIO) {
            return new QueueStateException("mmap(" + region + ") on " + q.subject() + " failed with ENXIO: "
                    + ZOMBIE, e);
        }
        return wrap(e, "mmap(" + region + ")", subject, hint);
    }

    static RuntimeException pollFailed(QueueResources q, ErrnoException e) {
        return wrap(e, "poll", q.subject(), null);
    }

    static RuntimeException pollError(QueueResources q, int events) {
        if ((events & POLLNVAL) != 0) {
            return new QueueStateException("poll on " + q.subject() + " reports POLLNVAL: the descriptor is"
                    + " closed (closed concurrently with awaitEvent?)");
        }
        q.state = QueueState.RELEASED;
        return new QueueStateException("poll on " + q.subject() + " reports POLLERR (openEuler 4.19 kernels"
                + " do so for a dead queue): " + ZOMBIE);
    }
}
