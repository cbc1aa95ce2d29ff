// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzc_queue.c - the per-fd uacce ABI over CUSE: open (takes a queue; EBUSY
 * when none is left), release (last close, also when the client dies),
 * ioctls START_Q, PUT_Q, SET_QP_CTX, SET_QP_INFO, GET_SS_DMA and the
 * mock-only region/fault commands, poll. State checks and transitions per
 * kernel era (--era, default B) are the shared state machine's
 * (engine/ze_state.c), as in the kernel stub.
 *
 * Ioctls are unrestricted (CUSE_UNRESTRICTED_IOCTL): GET_SS_DMA is _IOR
 * but reads its slice index from the caller, which restricted CUSE ioctls
 * cannot do. Every command therefore asks the kernel to fetch/store its
 * argument with an ioctl "retry" first; a bad pointer fails that copy in
 * the kernel with EFAULT, as copy_from_user/copy_to_user would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "hzc.h"

static struct hzc_queue *fq(struct fuse_file_info *fi)
{
	return (struct hzc_queue *)(uintptr_t)fi->fh;
}

static const char *const region_file[HZC_QFRT_MAX] = { "mmio", "dus", "ss" };

/* Creates <q->dir>/<name> of size len, mapped shared into the daemon. */
static void *region_create(struct hzc_queue *q, const char *name, size_t len)
{
	char path[PATH_MAX + 8];
	void *p;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", q->dir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return NULL;
	fchmod(fd, 0666);
	if (ftruncate(fd, (off_t)len)) {
		close(fd);
		unlink(path);
		return NULL;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		unlink(path);
		return NULL;
	}
	return p;
}

static void region_remove(struct hzc_queue *q, int type, void *p, size_t len)
{
	char path[PATH_MAX + 8];

	if (p)
		munmap(p, len);
	snprintf(path, sizeof(path), "%s/%s", q->dir, region_file[type]);
	unlink(path);
}

static void put_qp(struct hzc_queue *q)
{
	struct hzc_dev *hd = q->hd;

	if (!q->has_qp)
		return;
	hd->qmap[q->qn] = 0;
	hd->used--;
	q->has_qp = 0;
	hzc_sysfs_available(hd);
}

_Static_assert(ZE_EPERM == -EPERM && ZE_ENXIO == -ENXIO && ZE_EINVAL == -EINVAL, "errno");

/* The daemon's primitives for the shared state machine (engine/ze_state.c). */
static int qev_start(void *p)
{
	struct hzc_queue *q = p;

	if (q->hd->qm_stopped)
		return -EPERM;        /* hisi_qm: QM not running (reset) */
	return hzc_engine_start(q);
}

static void qev_stop(void *p) { hzc_engine_stop(p); }
static void qev_put(void *p) { put_qp(p); }

static const struct ze_qstate_ops qev_ops = { qev_start, qev_stop, qev_put };

static enum ze_era era(const struct hzc_queue *q)
{
	return (enum ze_era)q->hd->o->era;
}

/* One event of the queue's lifecycle for this era: 0, -errno, 1 (poll: no events). */
static int queue_event(struct hzc_queue *q, enum ze_qevent ev)
{
	return ze_qstate_apply(era(q), &q->state, ev, &qev_ops, q);
}

static void queue_free(struct hzc_queue *q)
{
	struct hzc_dev *hd = q->hd;
	struct hzc_queue **pp;

	queue_event(q, ZE_EV_RELEASE);
	for (pp = &hd->queues; *pp; pp = &(*pp)->next)
		if (*pp == q) {
			*pp = q->next;
			break;
		}
	pthread_mutex_lock(&q->poll_lock);
	if (q->ph)
		fuse_pollhandle_destroy(q->ph);
	q->ph = NULL;
	pthread_mutex_unlock(&q->poll_lock);
	ze_queue_destroy(&q->ze);
	region_remove(q, HZC_QFRT_MMIO, q->mmio, hd->mmio_size);
	region_remove(q, HZC_QFRT_DUS, q->dus, hd->dus_size);
	region_remove(q, HZC_QFRT_SS, q->ss, q->ss_size);
	rmdir(q->dir);
	pthread_mutex_destroy(&q->eng_lock);
	pthread_mutex_destroy(&q->poll_lock);
	pthread_cond_destroy(&q->kick);
	free(q);
}

static void hzc_open(fuse_req_t req, struct fuse_file_info *fi)
{
	struct hzc_dev *hd = fuse_req_userdata(req);
	const struct hzc_opts *o = hd->o;
	const struct fuse_ctx *ctx = fuse_req_ctx(req);
	struct ze_queue_cfg cfg;
	pthread_condattr_t ca;
	struct hzc_queue *q;
	int qn, err;

	if (hd->removed) {
		fuse_reply_err(req, ENODEV);
		return;
	}
	if (o->sva && ctx->pid <= 0) {
		/* The opener is not visible in our pid namespace: SVA emulation
		 * cannot reach its memory (run the container with --pid=host). */
		fprintf(stderr, "%s: open by a process outside the daemon's pid namespace refused (EPERM);"
			" SVA mode needs the host pid namespace\n", hd->name);
		fuse_reply_err(req, EPERM);
		return;
	}
	for (qn = 0; qn < o->queues && hd->qmap[qn]; qn++)
		;
	if (hd->used + hd->reserved >= o->queues || qn >= o->queues) {
		fuse_reply_err(req, EBUSY);
		return;
	}
	q = calloc(1, sizeof(*q));
	if (!q) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	q->hd = hd;
	q->qn = qn;
	q->pid = o->sva ? hzc_tgid_of(ctx->pid) : 0;
	q->token = ++hd->next_token;
	pthread_mutex_init(&q->eng_lock, NULL);
	pthread_mutex_init(&q->poll_lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&q->kick, &ca);
	pthread_condattr_destroy(&ca);
	snprintf(q->dir, sizeof(q->dir), "%s/q%llu", hd->regdir, (unsigned long long)q->token);
	err = ENOMEM;
	if (mkdir(q->dir, 0777) && errno != EEXIST)
		goto fail;
	chmod(q->dir, 0777);
	q->mmio = region_create(q, "mmio", hd->mmio_size);
	q->dus = region_create(q, "dus", hd->dus_size);
	if (!q->mmio || !q->dus)
		goto fail;
	memset(&cfg, 0, sizeof(cfg));
	cfg.api = (unsigned int)o->api;
	cfg.kind = hd->kind;
	cfg.qn = (uint16_t)qn;
	cfg.mmio = q->mmio;
	cfg.dus = q->dus;
	cfg.dus_size = hd->dus_size;
	cfg.mem = o->sva ? &hzc_sva_mem_ops : &hzc_ss_mem_ops;
	cfg.mem_ctx = q;
	cfg.cq_grace_ns = (uint64_t)o->cq_grace_ms * 1000000ull;
	cfg.level = o->level;
	cfg.batch = __atomic_load_n(&hd->delay_us, __ATOMIC_RELAXED) ? 1 : 0;
	cfg.need_arm = o->poll_needs_arm;
	err = EINVAL;
	if (ze_queue_init(&q->ze, &cfg))
		goto fail;
	ze_queue_clear_rings(&q->ze);   /* CQ and stop words zeroed at open */
	hd->qmap[qn] = 1;
	hd->used++;
	q->has_qp = 1;
	q->state = HZC_Q_INIT;
	q->next = hd->queues;
	hd->queues = q;
	hzc_sysfs_available(hd);
	fi->fh = (uint64_t)(uintptr_t)q;
	fi->direct_io = 1;
	fi->nonseekable = 1;
	if (o->verbose)
		fprintf(stderr, "%s: open q%d token %llu pid %d\n", hd->name, qn,
			(unsigned long long)q->token, (int)q->pid);
	fuse_reply_open(req, fi);
	return;
fail:
	region_remove(q, HZC_QFRT_MMIO, q->mmio, hd->mmio_size);
	region_remove(q, HZC_QFRT_DUS, q->dus, hd->dus_size);
	rmdir(q->dir);
	free(q);
	fuse_reply_err(req, err);
}

static void hzc_release(fuse_req_t req, struct fuse_file_info *fi)
{
	struct hzc_queue *q = fq(fi);

	if (q->hd->o->verbose)
		fprintf(stderr, "%s: release q%d token %llu\n", q->hd->name, q->qn,
			(unsigned long long)q->token);
	queue_free(q);
	fuse_reply_err(req, 0);
}

/* ------------------------------------------------------------ regions */

/* mmap(fd, length, qfrt * PAGE_SIZE) with the kernel stub's checks. */
static int mock_mmap(struct hzc_queue *q, struct hzc_mock_region *r)
{
	const struct hzc_opts *o = q->hd->o;
	unsigned int max = o->sva ? HZC_QFRT_SS : HZC_QFRT_MAX;
	void *ss;
	int ret = ze_qstate_step(era(q), q->state, ZE_EV_MMAP).err;

	if (ret)
		return ret;
	if (r->qfrt >= max || r->length == 0)
		return -EINVAL;
	if (q->mapped[r->qfrt])
		return -EEXIST;
	switch (r->qfrt) {
	case HZC_QFRT_MMIO:
		if (r->length > q->hd->mmio_size)
			return -EINVAL;
		break;
	case HZC_QFRT_DUS:
		if (r->length != q->hd->dus_size)
			return -EINVAL;
		break;
	default: /* SS, no-SVA mode only */
		if (r->length > (uint64_t)o->ss_max_mb << 20 || (r->length & (q->hd->page - 1)))
			return -EINVAL;
		ss = region_create(q, "ss", r->length);
		if (!ss)
			return -ENOMEM;
		pthread_mutex_lock(&q->eng_lock);
		q->ss = ss;
		q->ss_size = r->length;
		/* fake IOVA: 64 KiB aligned, distinct per device and queue */
		q->ss_dma = (1ULL << 44) | ((uint64_t)q->hd->id << 40) | ((uint64_t)q->qn << 28);
		pthread_mutex_unlock(&q->eng_lock);
		break;
	}
	q->mapped[r->qfrt] = 1;
	r->token = q->token;
	return 0;
}

/* munmap of a region: accepted in every state, like munmap itself. */
static int mock_munmap(struct hzc_queue *q, const struct hzc_mock_region *r)
{
	void *ss;
	size_t len;

	if (r->qfrt >= HZC_QFRT_MAX)
		return -EINVAL;
	if (!q->mapped[r->qfrt])
		return 0;
	if (r->qfrt == HZC_QFRT_SS) {
		/* openEuler: unmapping SS stops a started queue, frees the buffers */
		queue_event(q, ZE_EV_SS_UNMAP);
		pthread_mutex_lock(&q->eng_lock);
		ss = q->ss;
		len = q->ss_size;
		q->ss = NULL;
		q->ss_size = 0;
		pthread_mutex_unlock(&q->eng_lock);
		region_remove(q, HZC_QFRT_SS, ss, len);
	}
	if (!q->hd->o->remap_eexist)
		q->mapped[r->qfrt] = 0;
	return 0;
}

/* ------------------------------------------------------------ ioctls */

/* openEuler GET_SS_DMA: in = slice index, out = dma | size in 64 KiB units;
 * returns the number of slices after it. One slice (IOMMU mode). */
static int ioctl_get_ss_dma(struct hzc_queue *q, uint64_t *v)
{
	uint64_t idx = *v;

	if (q->hd->o->sva)
		return -EINVAL;
	pthread_mutex_lock(&q->eng_lock);
	*v = q->ss_dma | ((q->ss_size >> 16) & 0xFFF);
	if (!q->ss)
		idx = ~0ULL;
	pthread_mutex_unlock(&q->eng_lock);
	return idx != 0 ? -EINVAL : 0;
}

void hzc_queue_fault(struct hzc_dev *hd, unsigned int fault)
{
	struct hzc_queue *q;

	switch (fault) {
	case HZC_FAULT_RESET:
	case HZC_FAULT_CQ_OVERFLOW:
		for (q = hd->queues; q; q = q->next)
			if (fault == HZC_FAULT_RESET || q->state == HZC_Q_STARTED)
				hzc_engine_fail(q);
		break;
	case HZC_FAULT_ISOLATE:
	case HZC_FAULT_UNISOLATE:
		hd->isolated = fault == HZC_FAULT_ISOLATE;
		hzc_sysfs_write(hd, "isolate", "%d\n", hd->isolated);
		break;
	case HZC_FAULT_QM_STOP:
	case HZC_FAULT_QM_RUN:
		hd->qm_stopped = fault == HZC_FAULT_QM_STOP;
		hzc_sysfs_write(hd, "dev_state", "%d\n", hd->qm_stopped ? -1 : 0);
		break;
	case HZC_FAULT_REMOVE:
		hd->removed = 1;
		hzc_sysfs_remove(hd);
		for (q = hd->queues; q; q = q->next)
			queue_event(q, ZE_EV_REMOVE);
		break;
	}
}

/* Unrestricted ioctl: fetch in_len bytes from / store out_len bytes to the
 * caller's arg first. Returns 1 when a retry was sent. */
static int need_data(fuse_req_t req, void *arg, size_t in_len, size_t out_len,
		     size_t in_bufsz, size_t out_bufsz)
{
	struct iovec in = { arg, in_len }, out = { arg, out_len };

	if (in_bufsz >= in_len && out_bufsz >= out_len)
		return 0;
	fuse_reply_ioctl_retry(req, in_len ? &in : NULL, in_len ? 1 : 0,
			       out_len ? &out : NULL, out_len ? 1 : 0);
	return 1;
}

static void hzc_ioctl(fuse_req_t req, int cmd, void *arg, struct fuse_file_info *fi,
		      unsigned int flags, const void *in_buf, size_t in_bufsz, size_t out_bufsz)
{
	struct hzc_queue *q = fq(fi);
	const struct hzc_opts *o = q->hd->o;
	unsigned int c = (unsigned int)cmd;
	union {
		struct hzc_qp_ctx ctx;
		struct hzc_qp_info info;
		struct hzc_mock_region reg;
		uint64_t u64;
		uint32_t u32;
	} a;
	size_t in_len = 0, out_len = 0;
	enum ze_qevent ev = c == HZC_CMD_START_Q ? ZE_EV_START : c == HZC_CMD_PUT_Q ? ZE_EV_PUT :
			    c == HZC_CMD_GET_SS_DMA ? ZE_EV_GET_SS_DMA : ZE_EV_IOCTL;
	int ret = 0;

	(void)flags;
	/* State checks of the era (the munmap stand-in is accepted in every
	 * state, like munmap); START_Q and PUT_Q act below, once. */
	ret = c == HZC_MOCK_MUNMAP ? 0 : ze_qstate_step(era(q), q->state, ev).err;
	if (ret) {
		fuse_reply_err(req, -ret);
		return;
	}
	switch (c) {
	case HZC_CMD_START_Q:
	case HZC_CMD_PUT_Q:
		break;
	case HZC_CMD_QM_SET_QP_CTX:
		in_len = out_len = sizeof(a.ctx);
		break;
	case HZC_CMD_QM_SET_QP_INFO:
		if (!o->qp_info) {
			fuse_reply_err(req, EINVAL);   /* kernels before SET_QP_INFO */
			return;
		}
		in_len = out_len = sizeof(a.info);
		break;
	case HZC_CMD_GET_SS_DMA:
		if (o->sva) {
			fuse_reply_err(req, EINVAL);
			return;
		}
		in_len = out_len = sizeof(a.u64);
		break;
	case HZC_MOCK_MMAP:
		in_len = out_len = sizeof(a.reg);
		break;
	case HZC_MOCK_MUNMAP:
		in_len = sizeof(a.reg);
		break;
	case HZC_MOCK_FAULT:
	case HZC_MOCK_DELAY:
		in_len = sizeof(a.u32);
		break;
	case HZC_MOCK_KICK:
		in_len = sizeof(a.u64);
		break;
	default:
		fuse_reply_err(req, EINVAL);
		return;
	}
	if (need_data(req, arg, in_len, out_len, in_bufsz, out_bufsz))
		return;
	memset(&a, 0, sizeof(a));
	if (in_len)
		memcpy(&a, in_buf, in_len);
	switch (c) {
	case HZC_CMD_START_Q:
	case HZC_CMD_PUT_Q:
		ret = queue_event(q, ev);
		break;
	case HZC_CMD_QM_SET_QP_CTX:
		if (a.ctx.qc_type != 0 && a.ctx.qc_type != 1) {
			ret = -EINVAL;
			break;
		}
		q->qc_type = a.ctx.qc_type;   /* latched at START_Q */
		a.ctx.id = (uint16_t)q->qn;
		break;
	case HZC_CMD_QM_SET_QP_INFO:
		a.info.sqe_size = q->ze.sqe_size;
		a.info.sq_depth = q->ze.cfg.sq_depth;
		a.info.cq_depth = q->ze.cfg.cq_depth;
		break;
	case HZC_CMD_GET_SS_DMA:
		ret = ioctl_get_ss_dma(q, &a.u64);
		break;
	case HZC_MOCK_MMAP:
		ret = mock_mmap(q, &a.reg);
		break;
	case HZC_MOCK_MUNMAP:
		ret = mock_munmap(q, &a.reg);
		break;
	case HZC_MOCK_FAULT:
		hzc_queue_fault(q->hd, a.u32);
		break;
	case HZC_MOCK_DELAY:
		__atomic_store_n(&q->hd->delay_us, a.u32, __ATOMIC_RELAXED);
		break;
	case HZC_MOCK_KICK:
		/* a re-kick on a queue not started (or already stopped) is a
		 * doorbell store the device ignores: no error, as for the store */
		if (q->state == HZC_Q_STARTED)
			hzc_engine_kick_db(q, a.u64);
		break;
	}
	if (o->verbose > 1)
		fprintf(stderr, "%s: q%d ioctl 0x%08x -> %d\n", q->hd->name, q->qn, c, ret);
	if (ret < 0)
		fuse_reply_err(req, -ret);
	else
		fuse_reply_ioctl(req, ret, out_len ? (const void *)&a : NULL, out_len);
}

/* ------------------------------------------------------------ poll */

static void hzc_poll(fuse_req_t req, struct fuse_file_info *fi, struct fuse_pollhandle *ph)
{
	struct hzc_queue *q = fq(fi);
	int updated;

	if (ze_qstate_step(era(q), q->state, ZE_EV_POLL).act & ZE_QACT_NO_EVENTS) {
		/* no events ever: a waiting poll() simply times out */
		if (ph)
			fuse_pollhandle_destroy(ph);
		fuse_reply_poll(req, 0);
		return;
	}
	/* store the handle before looking, so no completion is missed */
	pthread_mutex_lock(&q->poll_lock);
	if (ph) {
		if (q->ph)
			fuse_pollhandle_destroy(q->ph);
		q->ph = ph;
	}
	updated = ze_queue_cq_updated(&q->ze);
	pthread_mutex_unlock(&q->poll_lock);
	hzc_engine_kick(q);
	fuse_reply_poll(req, updated ? POLLIN | POLLRDNORM : 0);
}

/* Daemon exit with queues still open: stop and delete everything. */
void hzc_dev_shutdown(struct hzc_dev *hd)
{
	while (hd->queues)
		queue_free(hd->queues);
}

static void hzc_init_done(void *userdata);

const struct cuse_lowlevel_ops hzc_ops = {
	.init_done = hzc_init_done,
	.open = hzc_open,
	.release = hzc_release,
	.ioctl = hzc_ioctl,
	.poll = hzc_poll,
};

/* The kernel has created /dev/<name>: publish the sysfs tree now, so a
 * device listed in sysfs always has its node. */
int hzc_sysfs_publish(struct hzc_dev *hd);
static void hzc_init_done(void *userdata)
{
	struct hzc_dev *hd = userdata;

	if (hzc_sysfs_publish(hd))
		fprintf(stderr, "%s: cannot write the sysfs tree %s: %s\n", hd->name, hd->sysdir,
			strerror(errno));
	else
		fprintf(stderr, "%s: ready: /dev/%s, sysfs %s\n", hd->name, hd->name, hd->sysdir);
}
