/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_state.h - the uacce queue lifecycle of the hisi_zip stubs, one state
 * machine for the kernel-module stub and the CUSE daemon.
 *
 * States are uacce's (include/linux/uacce.h): ZOMBIE 0, INIT 1, STARTED 2.
 * What each call does depends on the kernel era (docs/kmod.md "Kernel
 * eras"; spec section 1.4):
 *   A  5.7 ... K-fix-2022: PUT_Q -> ZOMBIE (always 0); later calls are not
 *      state-checked except START_Q (EINVAL) and mmap (EINVAL);
 *   B  K-fix-2022 ... K-fix-2025 (default): PUT_Q -> ZOMBIE; every ioctl and
 *      mmap on a ZOMBIE queue -> ENXIO, poll -> no events;
 *   C  K-fix-2025: PUT_Q only stops (STARTED -> INIT), START_Q may follow;
 *      the queue is given back at release; mremap of a region -> EPERM.
 *
 * ze_qstate_step() is pure: (era, state, event) -> errno, actions, next
 * state. ze_qstate_apply() runs a step against the owner's primitives
 * (start the engine, stop it, give the hardware queue back) in the order
 * the kernel does, and moves the state only when they succeed. No locking
 * here: the owner serialises calls for one queue (kmod: q->lock; CUSE: the
 * single FUSE thread).
 */
#ifndef ZE_STATE_H
#define ZE_STATE_H

/* Linux errno values (the same in the kernel and in user space on every
 * Linux architecture the stubs build for); the owners assert them. */
#define ZE_EPERM   (-1)
#define ZE_ENXIO   (-6)
#define ZE_EINVAL  (-22)

enum ze_qstate { ZE_Q_ZOMBIE = 0, ZE_Q_INIT = 1, ZE_Q_STARTED = 2 };

enum ze_era { ZE_ERA_A = 0, ZE_ERA_B = 1, ZE_ERA_C = 2 };

enum ze_qevent {
	ZE_EV_START,       /* ioctl UACCE_CMD_START_Q */
	ZE_EV_PUT,         /* ioctl UACCE_CMD_PUT_Q */
	ZE_EV_IOCTL,       /* any other ioctl (SET_QP_CTX/INFO, unknown, mock-only) */
	ZE_EV_GET_SS_DMA,  /* ioctl GET_SS_DMA (openEuler) */
	ZE_EV_MMAP,        /* mmap of a region */
	ZE_EV_MREMAP,      /* mremap of a mapped region */
	ZE_EV_POLL,        /* poll() */
	ZE_EV_SS_UNMAP,    /* munmap of the SS region (openEuler: stops the queue) */
	ZE_EV_RELEASE,     /* last reference to the open file (close, exit, crash) */
	ZE_EV_REMOVE,      /* device removal */
	ZE_EV_COUNT
};

/* Actions, done by ze_qstate_apply() in this order. */
#define ZE_QACT_START      0x1u  /* start the engine (START_Q) */
#define ZE_QACT_STOP       0x2u  /* stop the engine (bounded: ze_queue_request_stop first) */
#define ZE_QACT_PUT_QP     0x4u  /* give the hardware queue back */
#define ZE_QACT_NO_EVENTS  0x8u  /* poll: report nothing, do not wait on the queue */

struct ze_qstep {
	int err;                 /* 0 or a negative ZE_E* errno: nothing is done */
	unsigned int act;        /* ZE_QACT_* */
	enum ze_qstate next;     /* state after the actions succeeded */
};

struct ze_qstep ze_qstate_step(enum ze_era era, enum ze_qstate s, enum ze_qevent ev);

/* The owner's primitives. start returns 0 or a negative errno (the queue
 * then stays where it was); may be NULL when the event never starts. */
struct ze_qstate_ops {
	int (*start)(void *owner);
	void (*stop)(void *owner);
	void (*put_qp)(void *owner);
};

/*
 * Runs ze_qstate_step(era, *state, ev): on error returns it and changes
 * nothing; otherwise runs the actions (start, stop, put) and sets *state to
 * the next state. Returns 0, a negative errno, or 1 for a poll that must
 * report no events.
 */
int ze_qstate_apply(enum ze_era era, enum ze_qstate *state, enum ze_qevent ev,
		    const struct ze_qstate_ops *ops, void *owner);

const char *ze_qstate_name(enum ze_qstate s);
const char *ze_qevent_name(enum ze_qevent ev);

#endif /* ZE_STATE_H */
