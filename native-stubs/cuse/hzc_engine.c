// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzc_engine.c - one thread per started queue: watches the doorbell word
 * in the daemon's mapping of the queue's MMIO file, runs the engine core,
 * and wakes poll() waiters through fuse_lowlevel_notify_poll. Buffers
 * named in SQEs are reached like an SVA device would reach them: with
 * process_vm_readv/writev on the opener's process (the pid CUSE reported at
 * open, in the daemon's pid namespace), so a bad address only fails the
 * copy (status ZE_ST_ADDR_FAULT). In no-SVA mode the addresses are the SS
 * region's fake DMA addresses, translated into the daemon's mapping of the
 * SS file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include "hzc.h"
#include "ze_ss.h"

/* CUSE reports the calling thread; the process (thread group) outlives it. */
pid_t hzc_tgid_of(pid_t tid)
{
	char path[64], line[128];
	pid_t tgid = 0;
	FILE *f;

	if (tid <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "r");
	if (!f)
		return tid;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid > 0 ? tgid : tid;
}

/* A failed copy: a bad address (status 0x15), or the opener is gone (ESRCH:
 * its address space was torn down before CUSE sends the release): then the
 * queue stops at once and what is queued is dropped, as the kernel stub does
 * when the opener's mm is dying. */
static int sva_result(struct hzc_queue *q, ssize_t n, uint32_t len)
{
	if (n == (ssize_t)len)
		return 0;
	if (n < 0 && errno == ESRCH) {
		if (!ze_queue_stop_requested(&q->ze))
			zp_warn("q%u: the opener (pid %d) is gone (ESRCH on its memory): queue stopped,"
				" what is queued is dropped", q->ze.cfg.qn, (int)q->pid);
		ze_queue_request_stop(&q->ze);
	}
	return -1;
}

static int sva_read(void *ctx, uint64_t addr, void *dst, uint32_t len)
{
	struct hzc_queue *q = ctx;
	struct iovec l = { dst, len }, r = { (void *)(uintptr_t)addr, len };

	return sva_result(q, process_vm_readv(q->pid, &l, 1, &r, 1, 0), len);
}

static int sva_write(void *ctx, uint64_t addr, const void *src, uint32_t len)
{
	struct hzc_queue *q = ctx;
	struct iovec l = { (void *)src, len }, r = { (void *)(uintptr_t)addr, len };

	return sva_result(q, process_vm_writev(q->pid, &l, 1, &r, 1, 0), len);
}

const struct ze_mem_ops hzc_sva_mem_ops = { sva_read, sva_write };

/* SS region (eng_lock held by the engine thread). */
static int ss_read(void *ctx, uint64_t addr, void *dst, uint32_t len)
{
	struct hzc_queue *q = ctx;

	return ze_ss_copy(q->ss, q->ss_dma, q->ss_size, addr, dst, len, 0);
}

static int ss_write(void *ctx, uint64_t addr, const void *src, uint32_t len)
{
	struct hzc_queue *q = ctx;

	return ze_ss_copy(q->ss, q->ss_dma, q->ss_size, addr, (void *)src, len, 1);
}

const struct ze_mem_ops hzc_ss_mem_ops = { ss_read, ss_write };

static void notify_poll(struct hzc_queue *q)
{
	pthread_mutex_lock(&q->poll_lock);
	if (q->ph) {
		fuse_lowlevel_notify_poll(q->ph);
		fuse_pollhandle_destroy(q->ph);
		q->ph = NULL;
	}
	pthread_mutex_unlock(&q->poll_lock);
}

/* Sleeps up to ns or until kicked (poll, HZC_MOCK_KICK) or stopped; a kick
 * that came while the thread held eng_lock (kick_req) ends the wait at once. */
static void wait_kick(struct hzc_queue *q, uint64_t ns)
{
	struct timespec ts;
	uint64_t t0 = zp_now_ns(), over;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += (time_t)(ns / 1000000000ull);
	ts.tv_nsec += (long)(ns % 1000000000ull);
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&q->eng_lock);
	while (!q->kicked && !q->stop && !__atomic_exchange_n(&q->kick_req, 0, __ATOMIC_SEQ_CST))
		if (pthread_cond_timedwait(&q->kick, &q->eng_lock, &ts) == ETIMEDOUT)
			break;
	q->kicked = 0;
	over = zp_now_ns() - t0;
	over = over > ns ? over - ns : 0;
	if (over > q->max_over_ns)
		q->max_over_ns = over;
	pthread_mutex_unlock(&q->eng_lock);
}

/* Busy right after activity, then back off (the TCG VM has two vCPUs). */
static void *engine_thread(void *arg)
{
	struct hzc_queue *q = arg;
	uint64_t last = zp_now_ns();

	for (;;) {
		unsigned int act;
		uint64_t now, idle, sleep_ns;

		uint64_t t0 = zp_now_ns();

		pthread_mutex_lock(&q->eng_lock);
		if (q->stop) {
			pthread_mutex_unlock(&q->eng_lock);
			break;
		}
		now = zp_now_ns();
		if (now - t0 > q->max_lock_ns)
			q->max_lock_ns = now - t0;
		if (q->last_look_ns && now - q->last_look_ns > q->max_gap_ns)
			q->max_gap_ns = now - q->last_look_ns;
		q->last_look_ns = now;
		act = ze_queue_service(&q->ze, now);
		t0 = zp_now_ns();
		if (t0 - now > q->max_svc_ns)
			q->max_svc_ns = t0 - now;
		q->svc_ns += t0 - now;
		q->looks++;
		pthread_mutex_unlock(&q->eng_lock);
		if (act & ZE_SVC_EVENT)
			notify_poll(q);
		now = zp_now_ns();
		if (act & ZE_SVC_WORK) {
			unsigned int delay_us = __atomic_load_n(&q->hd->delay_us, __ATOMIC_RELAXED);

			last = now;
			/* --delay-us slows completions; a stop request (PUT_Q,
			 * release) ends the sleep, so the drain bound holds */
			while (delay_us && !ze_queue_stop_requested(&q->ze) &&
			       !__atomic_load_n(&q->stop, __ATOMIC_RELAXED)) {
				unsigned int step = delay_us < 1000 ? delay_us : 1000;

				usleep(step);
				delay_us -= step;
			}
			continue;
		}
		idle = now - last;
		if (act & ZE_SVC_BLOCKED)
			sleep_ns = 200000;
		else if (idle < 2000000)
			sleep_ns = 20000;
		else if (idle < 100000000)
			sleep_ns = 250000;
		else
			sleep_ns = 2000000;
		wait_kick(q, sleep_ns);
	}
	return NULL;
}

/* START_Q on an INIT queue: latch qc_type, start the thread. */
int hzc_engine_start(struct hzc_queue *q)
{
	int ret;

	pthread_mutex_lock(&q->eng_lock);
	ret = ze_queue_start(&q->ze, q->qc_type);
	q->stop = 0;
	q->last_look_ns = q->max_gap_ns = 0;
	q->max_lock_ns = q->max_svc_ns = q->max_over_ns = q->kicks = q->kicks_latched = 0;
	q->looks = q->svc_ns = 0;
	__atomic_store_n(&q->kick_req, 0, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&q->eng_lock);
	if (ret)
		return ret == ZE_ERR_NOMEM ? -ENOMEM : -EINVAL;
	ret = pthread_create(&q->thread, NULL, engine_thread, q);
	if (ret) {
		pthread_mutex_lock(&q->eng_lock);
		ze_queue_stop(&q->ze);
		pthread_mutex_unlock(&q->eng_lock);
		return -ret;
	}
	q->thread_live = 1;
	return 0;
}

/* The queue's view at a stop, to compare with the driver's timeout message:
 * a warning when the device still had work or a doorbell value it never
 * took, otherwise only with --verbose (eng_lock held). */
static void log_stop(struct hzc_queue *q)
{
	const struct ze_queue *z = &q->ze;
	uint64_t word;
	int left;

	if (!z->running)
		return;
	word = __atomic_load_n(z->db, __ATOMIC_ACQUIRE);
	left = z->sq_head != z->sq_tail || word != z->last_db;
	zp_log(left ? 1 : 2, "q%u: stopped%s: SQ head %u tail %u, CQ tail %u phase %u used %u, doorbell"
	       " word 0x%llx (last taken 0x%llx), %llu doorbells, %llu SQEs, %llu CQEs; engine thread"
	       " last looked %llu us ago, longest gap %llu us (longest eng_lock wait %llu us, service call %llu us,"
	       " oversleep %llu us); %llu looks, %llu us in service calls; %llu kicks, %llu taken as latched"
	       " doorbells", z->cfg.qn,
	       left ? " with work left" : "", z->sq_head, z->sq_tail, z->cq_tail, z->phase, z->cq_used,
	       (unsigned long long)word, (unsigned long long)z->last_db,
	       (unsigned long long)z->stats.doorbells, (unsigned long long)z->stats.sqes,
	       (unsigned long long)z->stats.cqes,
	       (unsigned long long)(q->last_look_ns ? (zp_now_ns() - q->last_look_ns) / 1000 : 0),
	       (unsigned long long)(q->max_gap_ns / 1000), (unsigned long long)(q->max_lock_ns / 1000),
	       (unsigned long long)(q->max_svc_ns / 1000), (unsigned long long)(q->max_over_ns / 1000),
	       (unsigned long long)q->looks, (unsigned long long)(q->svc_ns / 1000),
	       (unsigned long long)q->kicks, (unsigned long long)q->kicks_latched);
}

/* Stop processing and join the thread (PUT_Q, release, SS unmap, removal).
 * Bounded (docs/cuse.md): the stop request is posted before eng_lock is
 * taken, so an engine thread inside a long SQE gives up at its next 64 KiB
 * chunk and drops what is queued; the join then takes at most that long. */
void hzc_engine_stop(struct hzc_queue *q)
{
	ze_queue_request_stop(&q->ze);
	pthread_mutex_lock(&q->eng_lock);
	log_stop(q);
	ze_queue_stop(&q->ze);
	q->stop = 1;
	pthread_cond_signal(&q->kick);
	pthread_mutex_unlock(&q->eng_lock);
	if (q->thread_live) {
		pthread_join(q->thread, NULL);
		q->thread_live = 0;
	}
}

/*
 * Wake the engine thread (poll, HZC_MOCK_KICK) without waiting behind it: the
 * FUSE thread serves every queue of the device, so it must not block on a
 * queue's eng_lock while that queue's engine thread runs a long service call.
 * If eng_lock is free the thread is asleep (or between looks): a re-kick's
 * doorbell word is taken as a latched doorbell and the thread woken. If it is
 * busy, the thread is servicing the queue; kick_req makes its next wait end at
 * once, so it reads the doorbell word again right after the call.
 */
static void kick(struct hzc_queue *q, const uint64_t *word)
{
	if (word)
		__atomic_add_fetch(&q->kicks, 1, __ATOMIC_RELAXED);
	if (pthread_mutex_trylock(&q->eng_lock) == 0) {
		if (word) {
			if (q->ze.running) {
				ze_queue_doorbell(&q->ze, *word);
				q->kicks_latched++;
			}
		}
		q->kicked = 1;
		pthread_cond_signal(&q->kick);
		pthread_mutex_unlock(&q->eng_lock);
		return;
	}
	__atomic_store_n(&q->kick_req, 1, __ATOMIC_SEQ_CST);
	pthread_cond_signal(&q->kick);
}

void hzc_engine_kick(struct hzc_queue *q)
{
	kick(q, NULL);
}

void hzc_engine_kick_db(struct hzc_queue *q, uint64_t word)
{
	kick(q, &word);
}

/* Reset / CQ overflow injection: stop words, then wake poll() waiters. */
void hzc_engine_fail(struct hzc_queue *q)
{
	pthread_mutex_lock(&q->eng_lock);
	ze_queue_fail(&q->ze);
	pthread_mutex_unlock(&q->eng_lock);
	notify_poll(q);
}
