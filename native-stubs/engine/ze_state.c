// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_state.c - the uacce queue lifecycle per kernel era (ze_state.h), used
 * by the kernel-module stub (kmod/hzs_queue.c) and the CUSE daemon
 * (cuse/hzc_queue.c). Pure: no platform calls, no memory, no locks.
 *
 *            open                START_Q
 *   (none) ------> INIT ------------------> STARTED
 *                   |  ^                       |
 *                   |  +--- PUT_Q (era C), ----+
 *                   |       SS munmap          |
 *                   |                          |
 *                   +--> ZOMBIE <--------------+
 *              PUT_Q (eras A, B), release, removal
 */
#include "ze_state.h"

struct ze_qstep ze_qstate_step(enum ze_era era, enum ze_qstate s, enum ze_qevent ev)
{
	struct ze_qstep r = { 0, 0, s };
	int zombie = s == ZE_Q_ZOMBIE;
	/* K-fix-2022 (eras B, C): every call checks "INIT or STARTED" first. */
	int checked = era != ZE_ERA_A;
	/* Leaving for ZOMBIE: stop a started queue, give the queue back. */
	unsigned int down = (s == ZE_Q_STARTED ? ZE_QACT_STOP : 0u) | ZE_QACT_PUT_QP;

	switch (ev) {
	case ZE_EV_START:
		if (zombie && checked)
			r.err = ZE_ENXIO;
		else if (s != ZE_Q_INIT)
			r.err = ZE_EINVAL;        /* START twice; era A: after PUT_Q */
		else {
			r.act = ZE_QACT_START;
			r.next = ZE_Q_STARTED;
		}
		break;
	case ZE_EV_PUT:
		if (zombie) {
			r.err = checked ? ZE_ENXIO : 0;   /* era A: idempotent */
		} else if (era == ZE_ERA_C) {
			if (s == ZE_Q_STARTED) {  /* K-fix-2025: stop only */
				r.act = ZE_QACT_STOP;
				r.next = ZE_Q_INIT;
			}
		} else {
			r.act = down;
			r.next = ZE_Q_ZOMBIE;
		}
		break;
	case ZE_EV_IOCTL:
		if (zombie && checked)
			r.err = ZE_ENXIO;         /* era A: runs on the released qp */
		break;
	case ZE_EV_GET_SS_DMA:
	case ZE_EV_MMAP:
		if (zombie)
			r.err = checked ? ZE_ENXIO : ZE_EINVAL;
		break;
	case ZE_EV_MREMAP:
		if (era == ZE_ERA_C)
			r.err = ZE_EPERM;         /* K-fix-2025 */
		break;
	case ZE_EV_POLL:
		if (zombie && checked)
			r.act = ZE_QACT_NO_EVENTS;
		break;
	case ZE_EV_SS_UNMAP:
		if (s == ZE_Q_STARTED) {          /* openEuler; back to INIT [stub's choice] */
			r.act = ZE_QACT_STOP;
			r.next = ZE_Q_INIT;
		}
		break;
	case ZE_EV_RELEASE:
	case ZE_EV_REMOVE:
		if (!zombie) {
			r.act = down;
			r.next = ZE_Q_ZOMBIE;
		}
		break;
	default:
		r.err = ZE_EINVAL;
	}
	return r;
}

int ze_qstate_apply(enum ze_era era, enum ze_qstate *state, enum ze_qevent ev,
		    const struct ze_qstate_ops *ops, void *owner)
{
	struct ze_qstep st = ze_qstate_step(era, *state, ev);
	int ret;

	if (st.err)
		return st.err;
	if (st.act & ZE_QACT_START) {
		ret = ops->start ? ops->start(owner) : ZE_EINVAL;
		if (ret)
			return ret;               /* the queue stays INIT */
	}
	if (st.act & ZE_QACT_STOP)
		ops->stop(owner);
	if (st.act & ZE_QACT_PUT_QP)
		ops->put_qp(owner);
	*state = st.next;
	return st.act & ZE_QACT_NO_EVENTS ? 1 : 0;
}

const char *ze_qstate_name(enum ze_qstate s)
{
	return s == ZE_Q_ZOMBIE ? "ZOMBIE" : s == ZE_Q_INIT ? "INIT" : s == ZE_Q_STARTED ? "STARTED" : "?";
}

const char *ze_qevent_name(enum ze_qevent ev)
{
	static const char *const n[ZE_EV_COUNT] = { "START_Q", "PUT_Q", "ioctl", "GET_SS_DMA",
		"mmap", "mremap", "poll", "SS munmap", "release", "remove" };

	return (unsigned int)ev < ZE_EV_COUNT ? n[ev] : "?";
}
