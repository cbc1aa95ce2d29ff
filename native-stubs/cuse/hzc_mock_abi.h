/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * hzc_mock_abi.h - the side channel of the CUSE mock (hisi_zip_cuse), used
 * by NOTHING but that mock. A CUSE node cannot be mmap'ed (ENODEV), so the
 * daemon backs each queue's MMIO, DUS and SS regions with shared files and
 * the client maps those instead (docs/cuse.md):
 *
 *   <sysfs>/<dev>/cuse_mock_regions   relative path (from <sysfs>/<dev>) of
 *                                     the device's region directory R
 *   R/q<token>/mmio, dus, ss          the files of one open queue
 *
 * HZC_MOCK_MMAP stands for mmap(fd, length, qfrt * PAGE_SIZE): the daemon
 * applies the kernel's checks (ENXIO dead queue, EINVAL bad type/length,
 * EEXIST mapped twice), creates the SS file, and returns the token that
 * names the queue's directory. HZC_MOCK_MUNMAP stands for munmap of that
 * region (accepted in every state, like munmap). HZC_MOCK_FAULT injects a
 * device fault (the kernel stub's debugfs files). The numbers use the uacce
 * magic 'W' far above the uacce commands (0..3).
 */
#ifndef HZC_MOCK_ABI_H
#define HZC_MOCK_ABI_H

#include <linux/ioctl.h>
#include <linux/types.h>

struct hzc_mock_region {
	__u32 qfrt;        /* in: 0 MMIO, 1 DUS, 2 SS */
	__u32 reserved;
	__u64 length;      /* in: mapping length */
	__u64 token;       /* out: the queue's directory is q<token> */
};

#define HZC_MOCK_MMAP    _IOWR('W', 0x60, struct hzc_mock_region) /* 0xC0185760 */
#define HZC_MOCK_MUNMAP  _IOW('W', 0x61, struct hzc_mock_region)  /* 0x40185761 */
#define HZC_MOCK_FAULT   _IOW('W', 0x62, __u32)                   /* 0x40045762 */
/* Completion delay of the device in microseconds (0 = none), like the kernel
 * stub's writable delay_us parameter; queues opened afterwards complete one
 * SQE per service step and sleep that long after each. */
#define HZC_MOCK_DELAY   _IOW('W', 0x63, __u32)                   /* 0x40045763 */
/* A doorbell word the client wrote again (its re-kick): the daemon hands it to
 * the engine as a latched doorbell if the engine thread is not inside a
 * service call, and wakes the engine thread either way. The daemon reads the
 * doorbell word from memory and cannot latch the client's stores (no fault
 * path into them), so a re-kick through this call is the one doorbell it
 * cannot miss. The value must be the newest doorbell the client wrote (no
 * other store to the word between it and this call's return). */
#define HZC_MOCK_KICK    _IOW('W', 0x64, __u64)                   /* 0x40085764 */

/* HZC_MOCK_FAULT codes (per device, like the kernel stub's debugfs files) */
#define HZC_FAULT_RESET        1  /* TX-stop, stop, RX-stop on every queue */
#define HZC_FAULT_CQ_OVERFLOW  2  /* the same on started queues only */
#define HZC_FAULT_ISOLATE      3  /* sysfs isolate = 1 */
#define HZC_FAULT_UNISOLATE    4  /* sysfs isolate = 0 */
#define HZC_FAULT_QM_STOP      5  /* START_Q -> EPERM, dev_state -1 */
#define HZC_FAULT_QM_RUN       6  /* undo QM_STOP */
#define HZC_FAULT_REMOVE       7  /* every queue ZOMBIE, new opens ENODEV */

#define HZC_REGION_ATTR  "cuse_mock_regions"

#endif /* HZC_MOCK_ABI_H */
