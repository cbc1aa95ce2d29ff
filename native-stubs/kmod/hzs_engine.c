// SPDX-License-Identifier: GPL-2.0
/*
 * hzs_engine.c - one kernel thread per started queue: polls the doorbell
 * word (MMIO is ordinary kernel memory mapped to user space), runs the
 * engine core, wakes poll() waiters. Buffers in SQEs are reached like an
 * SVA device would: the thread adopts the opener's mm (kthread_use_mm) and
 * copies with copy_from_user/copy_to_user, so a bad address only fails the
 * copy (status ZE_ST_ADDR_FAULT in the SQE). In no-SVA mode the addresses
 * are the SS region's fake DMA addresses, translated to kernel memory.
 */
#include <linux/kthread.h>
#include <linux/sched/mm.h>
#include <linux/uaccess.h>
#include <linux/delay.h>
#include <linux/math64.h>
#include "hzs.h"
#include "ze_ss.h"

static int adopt_mm(struct hzs_queue *q)
{
	if (q->adopted)
		return 0;
	if (current != q->thread)
		return -1;
	if (!mmget_not_zero(q->mm)) {
		/* the opener's address space is gone: stop, drop the SQEs */
		ze_queue_request_stop(&q->ze);
		return -1;
	}
	kthread_use_mm(q->mm);
	q->adopted = true;
	return 0;
}

static void unadopt_mm(struct hzs_queue *q)
{
	if (!q->adopted)
		return;
	kthread_unuse_mm(q->mm);
	q->adopted = false;
	mmput(q->mm);   /* may be the last user: exit_mmap runs here */
}

/* The opener's address space is going away: only the engine's own
 * reference is left. Stop the queue (the SQE in progress and the queued ones
 * are dropped, as when the process's release stops it) so the process's
 * teardown does not wait for long SQEs to finish. */
static bool mm_dying(struct hzs_queue *q)
{
	if (atomic_read(&q->mm->mm_users) > 1)
		return false;
	ze_queue_request_stop(&q->ze);
	return true;
}

static int sva_read(void *ctx, uint64_t addr, void *dst, uint32_t len)
{
	struct hzs_queue *q = ctx;

	if (addr != (unsigned long)addr || adopt_mm(q) || mm_dying(q))
		return -1;
	return copy_from_user(dst, (const void __user *)(unsigned long)addr, len) ? -1 : 0;
}

static int sva_write(void *ctx, uint64_t addr, const void *src, uint32_t len)
{
	struct hzs_queue *q = ctx;

	if (addr != (unsigned long)addr || adopt_mm(q) || mm_dying(q))
		return -1;
	return copy_to_user((void __user *)(unsigned long)addr, src, len) ? -1 : 0;
}

const struct ze_mem_ops hzs_sva_mem_ops = { sva_read, sva_write };

/* SS region: [ss_dma, ss_dma + ss_size) -> q->ss (eng_lock held by caller). */
static int ss_read(void *ctx, uint64_t addr, void *dst, uint32_t len)
{
	struct hzs_queue *q = ctx;

	return ze_ss_copy(q->ss, q->ss_dma, q->ss_size, addr, dst, len, 0);
}

static int ss_write(void *ctx, uint64_t addr, const void *src, uint32_t len)
{
	struct hzs_queue *q = ctx;

	return ze_ss_copy(q->ss, q->ss_dma, q->ss_size, addr, (void *)src, len, 1);
}

const struct ze_mem_ops hzs_ss_mem_ops = { ss_read, ss_write };

static bool kicked(struct hzs_queue *q)
{
	return atomic_xchg(&q->kicked, 0) || kthread_should_stop();
}

/* Spin-ish right after activity, then back off (TCG VMs have few CPUs). */
static int hzs_thread(void *data)
{
	struct hzs_queue *q = data;
	u64 last = ktime_get_ns();

	while (!kthread_should_stop()) {
		unsigned int act;
		u64 now, idle, sleep_ns;

		mutex_lock(&q->eng_lock);
		/* A detached thread (PUT_Q, waiting for kthread_stop) must not
		 * serve a queue that was started again with a new thread. */
		act = 0;
		if (READ_ONCE(q->thread) == current) {
			if (hzs_latch && hzs_latch_drain(q))
				act |= ZE_SVC_WORK;
			act |= ze_queue_service(&q->ze, ktime_get_ns());
		}
		mutex_unlock(&q->eng_lock);
		unadopt_mm(q);
		if (act & ZE_SVC_EVENT)
			wake_up_interruptible(&q->wait);
		now = ktime_get_ns();
		if (act & ZE_SVC_WORK) {
			last = now;
			/* delay_us slows completions; a stop (PUT_Q, release) cuts the
			 * sleep short, as silicon's bounded drain would not wait for it */
			if (READ_ONCE(hzs_delay_us))
				wait_event_interruptible_hrtimeout(q->kick,
					ze_queue_stop_requested(&q->ze) || kthread_should_stop(),
					ns_to_ktime((u64)READ_ONCE(hzs_delay_us) * NSEC_PER_USEC));
			cond_resched();
			continue;
		}
		idle = now - last;
		if (act & ZE_SVC_BLOCKED)
			sleep_ns = 200 * NSEC_PER_USEC;
		else if (idle < 2 * NSEC_PER_MSEC)
			sleep_ns = 20 * NSEC_PER_USEC;
		else if (idle < 100 * NSEC_PER_MSEC)
			sleep_ns = 250 * NSEC_PER_USEC;
		else      /* latch=1: a doorbell write kicks the thread anyway */
			sleep_ns = (hzs_latch ? 50 : 2) * NSEC_PER_MSEC;
		wait_event_interruptible_hrtimeout(q->kick, kicked(q), ns_to_ktime(sleep_ns));
	}
	unadopt_mm(q);
	return 0;
}

/* Caller holds q->lock; queue is INIT. */
int hzs_engine_start(struct hzs_queue *q)
{
	struct task_struct *t;
	int ret;

	mutex_lock(&q->eng_lock);
	ret = ze_queue_start(&q->ze, q->qc_type);
	mutex_unlock(&q->eng_lock);
	if (ret)
		return ret == ZE_ERR_NOMEM ? -ENOMEM : -EINVAL;
	hzs_latch_open(q);
	t = kthread_create(hzs_thread, q, "hzs%d/%d", q->hd->id, q->qn);
	if (IS_ERR(t)) {
		hzs_latch_close(q);
		mutex_lock(&q->eng_lock);
		ze_queue_stop(&q->ze);
		mutex_unlock(&q->eng_lock);
		return PTR_ERR(t);
	}
	q->thread = t;
	wake_up_process(t);
	return 0;
}

/*
 * Stop processing now; hand the thread to hzs_engine_join() (called
 * without q->lock, so the thread can finish a fault on the opener's mm).
 *
 * Bounded teardown (docs/kmod.md "Release and teardown"): the stop request
 * is posted without eng_lock, so an engine in the middle of a long SQE gives
 * up at its next 64 KiB chunk and drops what is queued; eng_lock is then
 * free within one chunk of work instead of a whole batch of 8 MiB SQEs.
 * Silicon's drain gives up after HZS_DRAIN_MS; the stub's engine cannot be
 * abandoned while it may touch the opener's memory, so a slower stop is
 * logged and still waited for.
 */
struct task_struct *hzs_engine_detach(struct hzs_queue *q)
{
	struct task_struct *t = q->thread;
	u64 t0 = ktime_get_ns(), ms;

	hzs_latch_close(q);
	ze_queue_request_stop(&q->ze);
	if (t)
		hzs_engine_kick(q);
	mutex_lock(&q->eng_lock);
	ze_queue_stop(&q->ze);
	mutex_unlock(&q->eng_lock);
	ms = div_u64(ktime_get_ns() - t0, NSEC_PER_MSEC);
	if (ms > HZS_DRAIN_MS)
		pr_warn("hisi_zip_stub: hisi_zip-%d q%d: engine stopped after %llu ms, over the %u ms drain bound\n",
			q->hd->id, q->qn, ms, HZS_DRAIN_MS);
	q->thread = NULL;
	return t;
}

void hzs_engine_join(struct task_struct *t)
{
	if (t)
		kthread_stop(t);
}

void hzs_engine_kick(struct hzs_queue *q)
{
	atomic_set(&q->kicked, 1);
	wake_up_interruptible(&q->kick);
}
