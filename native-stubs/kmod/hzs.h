/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hzs.h - hisi_zip_stub: a kernel module that looks like a hisi_zip uacce
 * device (char device + sysfs class "uacce") and runs the ZIP engine core
 * in a kernel thread per started queue.
 */
#ifndef HZS_H
#define HZS_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/platform_device.h>
#include "ze_core.h"
#include "ze_state.h"

#define HZS_NAME        "hisi_zip"
#define HZS_MAX_PER_KIND 8
#define HZS_MAX_DEVS    (3 * HZS_MAX_PER_KIND)   /* ZIP, SEC, HPRE */

/* uacce ABI (include/uapi/misc/uacce/uacce.h, hisi_qm.h, openEuler). */
#define HZS_CMD_START_Q         _IO('W', 0)
#define HZS_CMD_PUT_Q           _IO('W', 1)
#define HZS_CMD_GET_SS_DMA      _IOR('W', 3, unsigned long)
#define HZS_CMD_QM_SET_QP_CTX   _IOWR('H', 10, struct hzs_qp_ctx)
#define HZS_CMD_QM_SET_QP_INFO  _IOWR('H', 11, struct hzs_qp_info)

struct hzs_qp_ctx {
	__u16 id;
	__u16 qc_type;
};

struct hzs_qp_info {
	__u32 sqe_size;
	__u16 sq_depth;
	__u16 cq_depth;
	__u64 reserved;
};

enum hzs_qfrt { HZS_QFRT_MMIO = 0, HZS_QFRT_DUS = 1, HZS_QFRT_SS = 2, HZS_QFRT_MAX = 3 };

/* uacce queue states and the kernel eras of their handling (docs/kmod.md):
 * the shared state machine's (engine/ze_state.h, also used by the CUSE
 * daemon); the HZS_ names stay for the module parameter and hzs_main.c. */
#define HZS_Q_ZOMBIE  ZE_Q_ZOMBIE
#define HZS_Q_INIT    ZE_Q_INIT
#define HZS_Q_STARTED ZE_Q_STARTED
enum hzs_era { HZS_ERA_A = ZE_ERA_A, HZS_ERA_B = ZE_ERA_B, HZS_ERA_C = ZE_ERA_C };

struct hzs_dev {
	int id;                      /* N of hisi_zip-N (global over all kinds) */
	int kind;                    /* ZE_KIND_ZIP, _SEC, _HPRE */
	const char *name;            /* hisi_zip, hisi_sec2, hisi_hpre */
	dev_t devt;
	struct cdev cdev;
	struct device *dev;          /* class device /sys/class/uacce/hisi_zip-N */
	struct platform_device *pdev;/* parent ("device" link, numa_node) */
	struct mutex lock;           /* queue list, removal */
	struct list_head queues;
	spinlock_t qlock;            /* qp bitmap, used count */
	unsigned long *qmap;
	int nr_queues;
	int used;
	int reserved;                /* queues held by "in-kernel users" */
	bool removed;
	bool qm_stopped;             /* START_Q -> EPERM, dev_state -1 */
	u64 released, released_exit, released_dropped;   /* queues released (by an exiting process), their dropped SQEs: debugfs stats */
	int isolated;
	unsigned int isolate_strategy;
	struct dentry *dbg;
};

/* Latched doorbell writes (hzs_latch.c): the trapped page's FIFO. */
/* Power of two, 2 x the largest queue depth (1024): a user that rings one doorbell per SQE and
 * one per CQE cannot have more than depth SQ plus depth CQ doorbells undrained, so the FIFO
 * never fills for it and the producer never waits on the engine (silicon never stalls a store). */
#define HZS_LATCH_DEPTH 2048
struct hzs_latch {
	spinlock_t lock;
	bool open;                   /* queue started: writes are queued */
	u64 reg;                     /* the doorbell register after the last write */
	unsigned int head, tail;     /* free-running indices into ring */
	u64 ring[HZS_LATCH_DEPTH];
	u64 latched, dropped, ignored, refused, full;   /* counters (debugfs stats) */
};

struct hzs_queue {
	struct hzs_dev *hd;
	struct list_head node;
	struct mutex lock;           /* state, regions, ioctls */
	struct mutex eng_lock;       /* engine state (ze), SS buffer */
	spinlock_t poll_lock;
	enum ze_qstate state;
	bool has_qp;                 /* holds one of the device's instances */
	int qn;
	int qc_type;
	void *mmio;
	size_t mmio_size;
	void *dus;
	size_t dus_size;
	void *ss;
	size_t ss_size;
	u64 ss_dma;
	bool mapped[HZS_QFRT_MAX];
	struct address_space *mapping;
	struct mm_struct *mm;        /* the opener's mm (mmgrab) */
	bool adopted;                /* engine thread runs on q->mm */
	struct task_struct *thread;
	wait_queue_head_t wait;      /* poll() */
	wait_queue_head_t kick;      /* wakes the engine thread */
	atomic_t kicked;
	struct ze_queue ze;
	struct hzs_latch latch;
};

/* module parameters (hzs_main.c) */
extern int hzs_api;
extern enum hzs_era hzs_era;
extern bool hzs_sva;
extern bool hzs_remap_eexist;
extern bool hzs_qp_info;
extern bool hzs_poll_needs_arm;
extern unsigned int hzs_cq_grace_ms;
extern int hzs_level;
extern unsigned int hzs_delay_us;
extern unsigned int hzs_ss_max_mb;
extern bool hzs_latch;
extern bool hzs_leak_on_exit;
extern unsigned int hzs_cq_fault;

size_t hzs_mmio_size(void);
size_t hzs_dus_size(int kind);

/* hzs_queue.c */
extern const struct file_operations hzs_fops;
void hzs_queue_zombie(struct hzs_queue *q);

/* hzs_engine.c */
/* Bound on stopping a queue's engine work at release/PUT_Q (silicon's
 * drain: hisi_qm polls up to 1000 x 100-200 us, then gives up). */
#define HZS_DRAIN_MS 200
extern const struct ze_mem_ops hzs_sva_mem_ops;
extern const struct ze_mem_ops hzs_ss_mem_ops;
int hzs_engine_start(struct hzs_queue *q);
struct task_struct *hzs_engine_detach(struct hzs_queue *q);
void hzs_engine_join(struct task_struct *t);
void hzs_engine_kick(struct hzs_queue *q);

/* hzs_latch.c */
struct vm_fault;
void hzs_latch_init(struct hzs_queue *q);
void hzs_latch_open(struct hzs_queue *q);
void hzs_latch_close(struct hzs_queue *q);
unsigned int hzs_latch_drain(struct hzs_queue *q);
int hzs_latch_mmap(struct hzs_queue *q, struct vm_area_struct *vma);
vm_fault_t hzs_latch_fault(struct vm_fault *vmf);

#endif /* HZS_H */
