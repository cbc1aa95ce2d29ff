// SPDX-License-Identifier: GPL-2.0
/*
 * hzs_queue.c - the per-fd uacce ABI: open (takes a queue), mmap of the
 * MMIO/DUS(/SS) regions by vm_pgoff, ioctls START_Q, PUT_Q, SET_QP_CTX,
 * SET_QP_INFO, GET_SS_DMA, poll, release on the last reference.
 * State checks and transitions per kernel era (parameter `era`, hzs_main.c)
 * are the shared state machine's (engine/ze_state.c).
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/version.h>
#include "hzs.h"

static void set_vm_flags(struct vm_area_struct *vma, unsigned long f)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	vm_flags_set(vma, f);
#else
	vma->vm_flags |= f;
#endif
}

static_assert(ZE_EPERM == -EPERM && ZE_ENXIO == -ENXIO && ZE_EINVAL == -EINVAL);

static enum ze_era era(void)
{
	return (enum ze_era)hzs_era;
}

/* Give the hardware queue back (PUT_Q in eras A/B, release, removal). */
static void put_qp(struct hzs_queue *q)
{
	struct hzs_dev *hd = q->hd;

	if (!q->has_qp)
		return;
	spin_lock(&hd->qlock);
	clear_bit(q->qn, hd->qmap);
	hd->used--;
	spin_unlock(&hd->qlock);
	q->has_qp = false;
}

/* The stub's primitives for the shared state machine (engine/ze_state.c). */
struct qev {
	struct hzs_queue *q;
	struct task_struct *t;   /* engine thread to join after q->lock */
};

static int qev_start(void *p)
{
	struct hzs_queue *q = ((struct qev *)p)->q;

	if (READ_ONCE(q->hd->qm_stopped))
		return -EPERM;        /* hisi_qm: QM not running (reset) */
	return hzs_engine_start(q);
}

static void qev_stop(void *p)
{
	struct qev *e = p;

	e->t = hzs_engine_detach(e->q);
}

static void qev_put(void *p)
{
	put_qp(((struct qev *)p)->q);
}

static const struct ze_qstate_ops qev_ops = { qev_start, qev_stop, qev_put };

/* Caller holds q->lock: one event of the queue's lifecycle for this era.
 * *t = the engine thread to hzs_engine_join() after unlocking. Returns 0,
 * a negative errno, or 1 (poll: no events). */
static int queue_event(struct hzs_queue *q, enum ze_qevent ev, struct task_struct **t)
{
	struct qev e = { q, NULL };
	int ret = ze_qstate_apply(era(), &q->state, ev, &qev_ops, &e);

	*t = e.t;
	return ret;
}

/* Device removal: ZOMBIE, engine stopped, every mapping zapped. */
void hzs_queue_zombie(struct hzs_queue *q)
{
	struct task_struct *t;

	mutex_lock(&q->lock);
	queue_event(q, ZE_EV_REMOVE, &t);
	mutex_unlock(&q->lock);
	hzs_engine_join(t);
	unmap_mapping_range(q->mapping, 0, 0, 1);
}

static int hzs_open(struct inode *inode, struct file *f)
{
	struct hzs_dev *hd = container_of(inode->i_cdev, struct hzs_dev, cdev);
	struct ze_queue_cfg cfg;
	struct hzs_queue *q;
	int qn, ret;

	if (!current->mm)
		return -EINVAL;       /* the queue is bound to the opener's mm */
	mutex_lock(&hd->lock);
	if (hd->removed) {
		ret = -ENODEV;
		goto unlock;
	}
	spin_lock(&hd->qlock);
	qn = find_first_zero_bit(hd->qmap, hd->nr_queues);
	if (hd->used + hd->reserved >= hd->nr_queues || qn >= hd->nr_queues) {
		spin_unlock(&hd->qlock);
		ret = -EBUSY;
		goto unlock;
	}
	set_bit(qn, hd->qmap);
	hd->used++;
	spin_unlock(&hd->qlock);

	ret = -ENOMEM;
	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		goto put;
	q->hd = hd;
	q->qn = qn;
	q->has_qp = true;
	mutex_init(&q->lock);
	mutex_init(&q->eng_lock);
	spin_lock_init(&q->poll_lock);
	init_waitqueue_head(&q->wait);
	init_waitqueue_head(&q->kick);
	hzs_latch_init(q);
	q->mmio_size = hzs_mmio_size();
	q->dus_size = hzs_dus_size(hd->kind);
	q->mmio = vmalloc_user(q->mmio_size);
	q->dus = vmalloc_user(q->dus_size);
	if (!q->mmio || !q->dus)
		goto free;
	memset(&cfg, 0, sizeof(cfg));
	cfg.api = hzs_api;
	cfg.kind = hd->kind;
	cfg.qn = qn;
	cfg.mmio = q->mmio;
	cfg.dus = q->dus;
	cfg.dus_size = q->dus_size;
	cfg.mem = hzs_sva ? &hzs_sva_mem_ops : &hzs_ss_mem_ops;
	cfg.mem_ctx = q;
	cfg.cq_grace_ns = (u64)hzs_cq_grace_ms * NSEC_PER_MSEC;
	cfg.level = hzs_level;
	cfg.batch = hzs_delay_us ? 1 : 0;
	cfg.need_arm = hzs_poll_needs_arm;
	cfg.latched = hzs_latch;
	cfg.cq_fault = READ_ONCE(hzs_cq_fault);
	if (ze_queue_init(&q->ze, &cfg))
		goto free;
	ze_queue_clear_rings(&q->ze);   /* CQ and stop words zeroed at open */
	q->mm = current->mm;
	mmgrab(q->mm);
	q->mapping = f->f_mapping;
	q->state = ZE_Q_INIT;
	list_add_tail(&q->node, &hd->queues);
	f->private_data = q;
	mutex_unlock(&hd->lock);
	return 0;

free:
	vfree(q->mmio);
	vfree(q->dus);
	kfree(q);
put:
	spin_lock(&hd->qlock);
	clear_bit(qn, hd->qmap);
	hd->used--;
	spin_unlock(&hd->qlock);
unlock:
	mutex_unlock(&hd->lock);
	return ret;
}

static int hzs_release(struct inode *inode, struct file *f)
{
	struct hzs_queue *q = f->private_data;
	struct hzs_dev *hd = q->hd;
	struct task_struct *t;
	/* no close() by a live process: it exited or was killed holding the queue */
	bool by_exit = (current->flags & PF_EXITING) || !atomic_read(&q->mm->mm_users);

	mutex_lock(&q->lock);
	if (by_exit && READ_ONCE(hzs_leak_on_exit))
		q->has_qp = false;    /* test-only leak: the instance is never given back */
	queue_event(q, ZE_EV_RELEASE, &t);
	mutex_unlock(&q->lock);
	hzs_engine_join(t);

	mutex_lock(&hd->lock);
	list_del(&q->node);
	hd->released++;
	hd->released_exit += by_exit;
	hd->released_dropped += q->ze.stats.dropped;
	mutex_unlock(&hd->lock);

	ze_queue_destroy(&q->ze);
	vfree(q->ss);
	vfree(q->mmio);
	vfree(q->dus);
	mmdrop(q->mm);
	kfree(q);
	return 0;
}

/* ------------------------------------------------------------------ mmap */

static void hzs_vm_close(struct vm_area_struct *vma)
{
	struct hzs_queue *q = vma->vm_private_data;
	enum hzs_qfrt type = vma->vm_pgoff;
	struct task_struct *t = NULL;
	void *ss = NULL;

	mutex_lock(&q->lock);
	if (type == HZS_QFRT_SS) {
		/* openEuler: unmapping SS stops a started queue and frees the
		 * buffers. Era C-like: the queue goes back to INIT. */
		queue_event(q, ZE_EV_SS_UNMAP, &t);
		mutex_lock(&q->eng_lock);
		ss = q->ss;
		q->ss = NULL;
		q->ss_size = 0;
		mutex_unlock(&q->eng_lock);
	}
	/* Before K-fix-2023 the bookkeeping stayed: re-mmap gave EEXIST. */
	if (!hzs_remap_eexist)
		q->mapped[type] = false;
	mutex_unlock(&q->lock);
	hzs_engine_join(t);
	vfree(ss);
}

static int hzs_vm_mremap(struct vm_area_struct *vma)
{
	struct hzs_queue *q = vma->vm_private_data;

	return ze_qstate_step(era(), READ_ONCE(q->state), ZE_EV_MREMAP).err;
}

/* A split would let part of a region be unmapped (and SS freed) while the
 * rest stays mapped: refuse it. */
static int hzs_vm_may_split(struct vm_area_struct *vma, unsigned long addr)
{
	return -EINVAL;
}

/* Only the trapped doorbell page of an MMIO mapping (latch=1) faults here;
 * any other fault is a zapped mapping (removal): SIGBUS, as without .fault. */
static vm_fault_t hzs_vm_fault(struct vm_fault *vmf)
{
	if (vmf->vma->vm_pgoff != HZS_QFRT_MMIO)
		return VM_FAULT_SIGBUS;
	return hzs_latch_fault(vmf);
}

static const struct vm_operations_struct hzs_vm_ops = {
	.fault = hzs_vm_fault,
	.close = hzs_vm_close,
	.mremap = hzs_vm_mremap,
	.may_split = hzs_vm_may_split,
};

static int hzs_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct hzs_queue *q = f->private_data;
	unsigned long len = vma->vm_end - vma->vm_start;
	unsigned long type = vma->vm_pgoff;
	unsigned long max = hzs_sva ? HZS_QFRT_SS : HZS_QFRT_MAX;
	void *mem = NULL;
	int ret;

	mutex_lock(&q->lock);
	ret = ze_qstate_step(era(), q->state, ZE_EV_MMAP).err;
	if (ret)
		goto out;
	if (type >= max) {
		ret = -EINVAL;
		goto out;
	}
	if (q->mapped[type]) {
		ret = -EEXIST;
		goto out;
	}
	set_vm_flags(vma, VM_DONTCOPY | VM_DONTEXPAND | VM_WIPEONFORK);
	switch (type) {
	case HZS_QFRT_MMIO:
		ret = -EINVAL;
		if (len > q->mmio_size)
			goto out;
		if (hzs_latch) {
			/* like hisi_qm's MMIO: VM_IO (no GUP, no core dump) */
			set_vm_flags(vma, VM_IO | VM_DONTDUMP);
			ret = hzs_latch_mmap(q, vma);
		} else {
			ret = remap_vmalloc_range(vma, q->mmio, 0);
		}
		break;
	case HZS_QFRT_DUS:
		ret = -EINVAL;
		if (len != q->dus_size)
			goto out;
		ret = remap_vmalloc_range(vma, q->dus, 0);
		break;
	default: /* SS, no-SVA mode only */
		ret = -EINVAL;
		if (len > (unsigned long)hzs_ss_max_mb << 20)
			goto out;
		ret = -ENOMEM;
		mem = vmalloc_user(len);
		if (!mem)
			goto out;
		ret = remap_vmalloc_range(vma, mem, 0);
		if (ret) {
			vfree(mem);
			goto out;
		}
		mutex_lock(&q->eng_lock);
		q->ss = mem;
		q->ss_size = len;
		/* fake IOVA: 64 KiB aligned, distinct per device and queue */
		q->ss_dma = (1ULL << 44) | ((u64)q->hd->id << 40) | ((u64)q->qn << 28);
		mutex_unlock(&q->eng_lock);
		break;
	}
	if (ret)
		goto out;
	vma->vm_private_data = q;
	vma->vm_ops = &hzs_vm_ops;
	q->mapped[type] = true;
out:
	mutex_unlock(&q->lock);
	return ret;
}

/* ----------------------------------------------------------------- ioctl */

static long ioctl_set_ctx(struct hzs_queue *q, void __user *arg)
{
	struct hzs_qp_ctx ctx;

	if (copy_from_user(&ctx, arg, sizeof(ctx)))
		return -EFAULT;
	if (ctx.qc_type != 0 && ctx.qc_type != 1)
		return -EINVAL;
	q->qc_type = ctx.qc_type;   /* latched at START_Q */
	ctx.id = q->qn;
	return copy_to_user(arg, &ctx, sizeof(ctx)) ? -EFAULT : 0;
}

static long ioctl_set_info(struct hzs_queue *q, void __user *arg)
{
	struct hzs_qp_info info;

	if (!hzs_qp_info)
		return -EINVAL;       /* kernels before SET_QP_INFO */
	if (copy_from_user(&info, arg, sizeof(info)))
		return -EFAULT;
	info.sqe_size = q->ze.sqe_size;
	info.sq_depth = q->ze.cfg.sq_depth;
	info.cq_depth = q->ze.cfg.cq_depth;
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

/* openEuler GET_SS_DMA: in = slice index, out = dma | size in 64 KiB units;
 * returns the number of slices after it. One slice (IOMMU mode). */
static long ioctl_get_ss_dma(struct hzs_queue *q, void __user *arg)
{
	u64 idx, out;

	if (hzs_sva)
		return -EINVAL;
	if (copy_from_user(&idx, arg, sizeof(idx)))
		return -EFAULT;
	mutex_lock(&q->eng_lock);
	out = q->ss_dma | ((q->ss_size >> 16) & 0xFFF);
	idx = q->ss ? idx : ~0ULL;
	mutex_unlock(&q->eng_lock);
	if (idx != 0)
		return -EINVAL;       /* no SS region, or index out of range */
	return copy_to_user(arg, &out, sizeof(out)) ? -EFAULT : 0;
}

static long hzs_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct hzs_queue *q = f->private_data;
	struct task_struct *t = NULL;
	void __user *uarg = (void __user *)arg;
	long ret;
	enum ze_qevent ev = cmd == HZS_CMD_START_Q ? ZE_EV_START :
			    cmd == HZS_CMD_PUT_Q ? ZE_EV_PUT :
			    cmd == HZS_CMD_GET_SS_DMA ? ZE_EV_GET_SS_DMA : ZE_EV_IOCTL;

	mutex_lock(&q->lock);
	ret = queue_event(q, ev, &t);   /* state checks, START_Q and PUT_Q */
	if (ret)
		goto out;
	switch (cmd) {
	case HZS_CMD_START_Q:
	case HZS_CMD_PUT_Q:
		break;
	case HZS_CMD_QM_SET_QP_CTX:
		ret = ioctl_set_ctx(q, uarg);
		break;
	case HZS_CMD_QM_SET_QP_INFO:
		ret = ioctl_set_info(q, uarg);
		break;
	case HZS_CMD_GET_SS_DMA:
		ret = ioctl_get_ss_dma(q, uarg);
		break;
	default:
		ret = -EINVAL;
	}
out:
	mutex_unlock(&q->lock);
	hzs_engine_join(t);
	return ret;
}

/* ------------------------------------------------------------------ poll */

static __poll_t hzs_poll(struct file *f, poll_table *wait)
{
	struct hzs_queue *q = f->private_data;
	int updated;

	if (ze_qstate_step(era(), READ_ONCE(q->state), ZE_EV_POLL).act & ZE_QACT_NO_EVENTS)
		return 0;
	poll_wait(f, &q->wait, wait);
	hzs_engine_kick(q);
	spin_lock(&q->poll_lock);
	updated = ze_queue_cq_updated(&q->ze);
	spin_unlock(&q->poll_lock);
	return updated ? EPOLLIN | EPOLLRDNORM : 0;
}

const struct file_operations hzs_fops = {
	.owner = THIS_MODULE,
	.open = hzs_open,
	.release = hzs_release,
	.unlocked_ioctl = hzs_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = hzs_mmap,
	.poll = hzs_poll,
	.llseek = noop_llseek,
};
