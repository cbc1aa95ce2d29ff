/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * hzc.h - hisi_zip_cuse: a user-space daemon that serves /dev/hisi_zip-N
 * through CUSE with the per-fd uacce ABI, runs the shared engine core
 * (native-stubs/engine) in one thread per started queue, backs the regions
 * with shared files (hzc_mock_abi.h) and writes a uacce-like sysfs tree.
 *
 * One process per device (the main process forks them); in a device
 * process every CUSE request runs on one thread, so queue and device state
 * need no lock against each other; the engine threads share only the
 * engine state (eng_lock) and the poll handle (poll_lock).
 */
#ifndef HZC_H
#define HZC_H

#define FUSE_USE_VERSION 35
#include <cuse_lowlevel.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>
#include "ze_core.h"
#include "ze_state.h"
#include "hzc_mock_abi.h"

#define HZC_NAME "hisi_zip"

/* uacce ABI (include/uapi/misc/uacce/uacce.h, hisi_qm.h, openEuler). */
struct hzc_qp_ctx { uint16_t id, qc_type; };
struct hzc_qp_info { uint32_t sqe_size; uint16_t sq_depth, cq_depth; uint64_t reserved; };
#define HZC_CMD_START_Q         _IO('W', 0)
#define HZC_CMD_PUT_Q           _IO('W', 1)
#define HZC_CMD_GET_SS_DMA      _IOR('W', 3, unsigned long)
#define HZC_CMD_QM_SET_QP_CTX   _IOWR('H', 10, struct hzc_qp_ctx)
#define HZC_CMD_QM_SET_QP_INFO  _IOWR('H', 11, struct hzc_qp_info)

enum { HZC_QFRT_MMIO = 0, HZC_QFRT_DUS = 1, HZC_QFRT_SS = 2, HZC_QFRT_MAX = 3 };
/* Queue states and kernel eras: the shared state machine's (engine/ze_state.h,
 * also used by the kernel stub). */
#define HZC_Q_ZOMBIE  ZE_Q_ZOMBIE
#define HZC_Q_INIT    ZE_Q_INIT
#define HZC_Q_STARTED ZE_Q_STARTED
#define HZC_ERA_A     ZE_ERA_A
#define HZC_ERA_B     ZE_ERA_B
#define HZC_ERA_C     ZE_ERA_C

struct hzc_opts {
	const char *dir;          /* shared directory: sysfs/, regions/ */
	int devices, first_id, queues, api, era, sva, numa_node;
	int sec, hpre;            /* hisi_sec2-N / hisi_hpre-N devices after the ZIP ones */
	int qp_info, poll_needs_arm, remap_eexist, level, verbose;
	unsigned int cq_grace_ms, delay_us, ss_max_mb;
};

struct hzc_queue;

struct hzc_dev {
	const struct hzc_opts *o;
	int id;
	int kind;                 /* ZE_KIND_ZIP, _SEC, _HPRE */
	char name[32];
	char sysdir[PATH_MAX];    /* <dir>/sysfs/<name> */
	char regdir[PATH_MAX];    /* <dir>/regions/<name> */
	size_t page, mmio_size, dus_size;
	unsigned char *qmap;
	int used, reserved, removed, qm_stopped, isolated;
	unsigned int delay_us;    /* --delay-us, changed by HZC_MOCK_DELAY */
	uint64_t next_token;
	struct hzc_queue *queues;
};

struct hzc_queue {
	struct hzc_dev *hd;
	struct hzc_queue *next;
	enum ze_qstate state;
	int has_qp, qn, qc_type;
	pid_t pid;                /* opener's process (SVA buffer access) */
	uint64_t token;
	char dir[PATH_MAX];       /* <regdir>/q<token> */
	void *mmio, *dus, *ss;
	size_t ss_size;
	uint64_t ss_dma;
	int mapped[HZC_QFRT_MAX];
	/* engine thread */
	pthread_mutex_t eng_lock; /* ze, ss */
	pthread_mutex_t poll_lock;/* ph, ze_queue_cq_updated */
	pthread_cond_t kick;
	int kicked, stop, thread_live;
	int kick_req;             /* a kick that found eng_lock busy (atomic) */
	pthread_t thread;
	/* when the engine thread last looked at the queue, and its longest gap
	 * between two looks (eng_lock): logged at stop, to tell a starved or
	 * blocked engine thread from a doorbell it never saw */
	uint64_t last_look_ns, max_gap_ns;
	/* what a gap is made of (eng_lock): the longest wait for eng_lock at a
	 * look, the longest service call (SQE work, opener memory access), the
	 * longest sleep beyond what was asked (the thread runnable but not
	 * running: starved, or a late timer); kicks through HZC_MOCK_KICK and
	 * how many of them were taken as latched doorbells */
	uint64_t max_lock_ns, max_svc_ns, max_over_ns, kicks, kicks_latched;
	uint64_t looks, svc_ns;   /* looks at the queue, time inside service calls */
	struct fuse_pollhandle *ph;
	struct ze_queue ze;
};

/* hzc_main.c */
int hzc_sysfs_available(struct hzc_dev *hd);
int hzc_sysfs_write(struct hzc_dev *hd, const char *attr, const char *fmt, ...);
void hzc_sysfs_remove(struct hzc_dev *hd);

/* hzc_queue.c */
extern const struct cuse_lowlevel_ops hzc_ops;
void hzc_queue_fault(struct hzc_dev *hd, unsigned int fault);
void hzc_dev_shutdown(struct hzc_dev *hd);

/* hzc_engine.c */
extern const struct ze_mem_ops hzc_sva_mem_ops, hzc_ss_mem_ops;
int hzc_engine_start(struct hzc_queue *q);
void hzc_engine_stop(struct hzc_queue *q);
void hzc_engine_kick(struct hzc_queue *q);
void hzc_engine_kick_db(struct hzc_queue *q, uint64_t word);
void hzc_engine_fail(struct hzc_queue *q);
pid_t hzc_tgid_of(pid_t tid);

#endif /* HZC_H */
