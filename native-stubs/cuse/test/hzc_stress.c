// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzc_stress.c - doorbell stress of the CUSE mock daemon (hisi_zip_cuse),
 * run in the VM by native-stubs/vm/with-cuse.sh. T threads, each with its own
 * compression queue, submit small stateless zlib SQEs in batches (1 + i % 8)
 * and wait for them as the Java driver's ring waits in its spin mode: busy
 * 20 us, then sched_yield until 1 ms, then 50 us sleeps, re-kicking while
 * nothing arrives (first after 20 us, doubling to 1 ms; rewrite the doorbell
 * not written last, then alternate). Optional CPU hogs (-H) stand for the
 * rest of a loaded machine. With -k every re-kick is also sent through the
 * side channel (HZC_MOCK_KICK); with -K only once a wait lasted 1 ms, as the
 * driver does on the CUSE target; a
 * daemon without it answers EINVAL and the test goes on without.
 *
 *   hzc_stress SYSFS_ROOT [-t threads] [-n requests/thread] [-H hogs] [-k|-K]
 *              [-T timeout_ms] [-g gap_us] [DEV_ROOT via -d]
 *
 * Exit status 1 if any wait ran into the timeout or ended later than it
 * (the driver's "no completion within 5000 ms"; -T 1000 for a stricter
 * verdict); the latencies are printed either way.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "ze_check.h"
#include "hzc_mock_abi.h"
#include "hzc_client.h"

#define START_Q      _IO('W', 0)
struct ctx_arg { uint16_t id, qc_type; };
#define SET_QP_CTX   _IOWR('H', 10, struct ctx_arg)
#define DEPTH        1024u
#define MAXIN        2048u
#define OUTCAP       (2 * MAXIN + 256)

static char devdir[512], regdir[1024], node[512];
static int threads = 8, requests = 300, hogs, use_kick, gap_us;
static uint64_t kick_after_ns;   /* -K: kick only once a wait lasted this long (the driver: 1 ms) */
static long timeout_ms = 5000;
static volatile int hogs_stop;
static int kick_supported = 1;

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static long attr(const char *name)
{
	return sysfs_long(devdir, name);
}

struct worker {
	int id, fd, qn;
	uint8_t *mmio, *dus, *in, *out;
	size_t mlen, dlen;
	unsigned int tail, head, phase;
	uint64_t last_sq, last_cq;
	int last_was_cq;
	/* results */
	long done, rekicks, kicks, timeouts, fails;
	uint64_t max_wait, *waits;
	long nwaits;
	char err[256];
};

static void *map_region(int fd, unsigned int qfrt, size_t len)
{
	return hzc_map_region(regdir, fd, qfrt, len);
}

static uint64_t db_word(struct worker *w, unsigned int cmd, unsigned int idx)
{
	return (uint64_t)(w->qn & 0xFFF) | (uint64_t)cmd << 12 | (uint64_t)idx << 32;
}

static void store_db(struct worker *w, uint64_t v)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n((uint64_t *)(w->mmio + 0x1000), v, __ATOMIC_RELEASE);
}

/* A re-kick: the doorbell not written last, then through the side channel
 * (-k: every re-kick; -K: only once the wait lasted 1 ms, as the driver). */
static void rekick(struct worker *w, uint64_t waited)
{
	uint64_t v = w->last_was_cq ? w->last_sq : w->last_cq;

	w->last_was_cq = !w->last_was_cq;
	store_db(w, v);
	w->rekicks++;
	if (use_kick && waited >= kick_after_ns && __atomic_load_n(&kick_supported, __ATOMIC_RELAXED)) {
		if (ioctl(w->fd, HZC_MOCK_KICK, &v) == 0)
			w->kicks++;
		else if (errno == EINVAL)
			__atomic_store_n(&kick_supported, 0, __ATOMIC_RELAXED);
	}
}

static int cqe_ready(struct worker *w)
{
	uint8_t *cqe = w->dus + 128 * DEPTH + 16 * w->head;

	return (__atomic_load_n((uint16_t *)(cqe + 14), __ATOMIC_ACQUIRE) & 1) == w->phase;
}

/* Waits for the CQE at the head as the driver's spin mode does. */
static int await_one(struct worker *w)
{
	uint64_t t0 = now_ns(), last_kick = t0, interval = 20000, t;
	struct timespec ts = { 0, 50000 };

	while (!cqe_ready(w)) {
		t = now_ns();
		if (t - t0 >= (uint64_t)timeout_ms * 1000000ull)
			return -1;
		if (t - last_kick >= interval) {
			rekick(w, t - t0);
			last_kick = t;
			interval = interval * 2 > 1000000 ? 1000000 : interval * 2;
		}
		if (t - t0 < 20000)
			__builtin_ia32_pause();
		else if (t - t0 < 1000000)
			sched_yield();
		else
			nanosleep(&ts, NULL);
	}
	t = now_ns() - t0;
	if (t > w->max_wait)
		w->max_wait = t;
	w->waits[w->nwaits++] = t;
	/* late is as bad as never: the client (descheduled too) may find the
	 * CQE there when it looks again after the limit */
	return t >= (uint64_t)timeout_ms * 1000000ull ? -2 : 0;
}

static void fill(struct worker *w, unsigned int slot, long id)
{
	uint32_t *s = (uint32_t *)(w->dus + 128 * slot);
	uint8_t *in = w->in + (size_t)slot * MAXIN;
	uint64_t src = (uint64_t)(uintptr_t)in, dst = (uint64_t)(uintptr_t)(w->out + (size_t)slot * OUTCAP);
	unsigned int len = 16 + (unsigned int)(id * 7919 % (MAXIN - 16)), i;

	for (i = 0; i < len; i++)
		in[i] = (uint8_t)("stress of the cuse doorbell "[(i + id) % 28]);
	memset(s, 0, 128);
	s[4] = len;
	s[7] = 1u << 27 | 1u << 25;
	s[9] = 2;
	s[13] = (uint32_t)id;
	s[14] = OUTCAP;
	s[18] = (uint32_t)src; s[19] = (uint32_t)(src >> 32);
	s[20] = (uint32_t)dst; s[21] = (uint32_t)(dst >> 32);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct ctx_arg c = { 0, 0 };
	int batch = 1 + w->id % 8;
	long next = 0;

	w->phase = 1;
	w->fd = open(node, O_RDWR | O_CLOEXEC);
	w->dlen = (size_t)attr("region_dus_size");
	w->mlen = (size_t)attr("region_mmio_size");
	if (w->fd < 0 || !(w->dus = map_region(w->fd, 1, w->dlen)) ||
	    !(w->mmio = map_region(w->fd, 0, w->mlen)) || ioctl(w->fd, SET_QP_CTX, &c) ||
	    ioctl(w->fd, START_Q)) {
		snprintf(w->err, sizeof(w->err), "open/map/start: %s", strerror(errno));
		w->fails++;
		return NULL;
	}
	w->qn = c.id;
	w->in = malloc((size_t)DEPTH * MAXIN);
	w->out = malloc((size_t)DEPTH * OUTCAP);
	w->waits = calloc((size_t)requests + 1, sizeof(uint64_t));
	w->last_cq = db_word(w, 1, 0);
	while (next < requests) {
		int n, k;

		for (n = 0; n < batch && next < requests; n++, next++) {
			fill(w, w->tail, w->id * 1000000L + next);
			w->tail = (w->tail + 1) % DEPTH;
		}
		w->last_sq = db_word(w, 0, w->tail);
		store_db(w, w->last_sq);
		w->last_was_cq = 0;
		for (k = 0; k < n; k++) {
			uint8_t *cqe;
			uint32_t *s;
			unsigned int slot;

			int r = await_one(w);

			if (r) {
				w->timeouts++;
				snprintf(w->err, sizeof(w->err),
					 "qn %d: %s %ld ms (SQ tail %u, CQ head %u, %ld re-kicks, %ld kicks)", w->qn,
					 r == -1 ? "no completion within" : "a completion later than", timeout_ms,
					 w->tail, w->head, w->rekicks, w->kicks);
				if (r == -1)
					goto out;
			}
			cqe = w->dus + 128 * DEPTH + 16 * w->head;
			slot = *(uint16_t *)(cqe + 8);
			s = (uint32_t *)(w->dus + 128 * slot);
			if ((s[3] & 0xFF) != 0)
				w->fails++;
			w->head = (w->head + 1) % DEPTH;
			if (w->head == 0)
				w->phase ^= 1;
			w->done++;
		}
		w->last_cq = db_word(w, 1, w->head);
		store_db(w, w->last_cq);       /* device idle: hand the CQ head back */
		w->last_was_cq = 1;
		if (gap_us)
			usleep((useconds_t)gap_us);
	}
out:
	munmap(w->mmio, w->mlen);
	munmap(w->dus, w->dlen);
	close(w->fd);
	free(w->in);
	free(w->out);
	return NULL;
}

static void *hog_main(void *arg)
{
	volatile unsigned long x = 0;

	(void)arg;
	while (!hogs_stop)
		x++;
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const char *sysroot = NULL, *devroot = "/dev";
	struct worker *w;
	pthread_t *th, *hh;
	uint64_t t0, *all;
	long total = 0, timeouts = 0, bad = 0, rekicks = 0, kicks = 0, over100 = 0, over1s = 0, n = 0;
	int i, opt;

	while ((opt = getopt(argc, argv, "t:n:H:kKT:g:d:")) != -1) {
		switch (opt) {
		case 't': threads = atoi(optarg); break;
		case 'n': requests = atoi(optarg); break;
		case 'H': hogs = atoi(optarg); break;
		case 'k': use_kick = 1; break;
		case 'K': use_kick = 1; kick_after_ns = 1000000; break;
		case 'T': timeout_ms = atol(optarg); break;
		case 'g': gap_us = atoi(optarg); break;
		case 'd': devroot = optarg; break;
		default:
			fprintf(stderr, "usage: hzc_stress SYSFS_ROOT [-t T] [-n N] [-H hogs] [-k|-K] [-T ms] [-g us] [-d /dev]\n");
			return 2;
		}
	}
	sysroot = optind < argc ? argv[optind] : NULL;
	if (!sysroot || threads < 1 || requests < 1) {
		fprintf(stderr, "usage: hzc_stress SYSFS_ROOT [-t T] [-n N] [-H hogs] [-k|-K] [-T ms] [-g us] [-d /dev]\n");
		return 2;
	}
	if (hzc_find_device(sysroot, devroot, devdir, node, regdir))
		return 1;
	if (!(attr("flags") & 1)) {
		printf("FAIL: hzc_stress needs an SVA daemon (--sva 1)\n");
		return 1;
	}
	w = calloc((size_t)threads, sizeof(*w));
	th = calloc((size_t)threads, sizeof(*th));
	hh = calloc((size_t)hogs + 1, sizeof(*hh));
	for (i = 0; i < hogs; i++)
		pthread_create(&hh[i], NULL, hog_main, NULL);
	t0 = now_ns();
	for (i = 0; i < threads; i++) {
		w[i].id = i;
		pthread_create(&th[i], NULL, worker_main, &w[i]);
	}
	for (i = 0; i < threads; i++)
		pthread_join(th[i], NULL);
	t0 = now_ns() - t0;
	hogs_stop = 1;
	for (i = 0; i < hogs; i++)
		pthread_join(hh[i], NULL);
	all = calloc((size_t)threads * (size_t)requests + 1, sizeof(uint64_t));
	for (i = 0; i < threads; i++) {
		long k;

		total += w[i].done;
		timeouts += w[i].timeouts;
		bad += w[i].fails;
		rekicks += w[i].rekicks;
		kicks += w[i].kicks;
		for (k = 0; k < w[i].nwaits; k++) {
			all[n++] = w[i].waits[k];
			over100 += w[i].waits[k] > 100000000ull;
			over1s += w[i].waits[k] > 1000000000ull;
		}
		if (w[i].err[0])
			printf("thread %d: %s\n", i, w[i].err);
	}
	qsort(all, (size_t)n, sizeof(uint64_t), cmp_u64);
	printf("hzc_stress: %d threads x %d requests, %d hogs, kick %s: %ld done in %.2f s, %ld timeouts,"
	       " %ld bad status; waits %ld: p50 %.3f ms, p99 %.3f ms, max %.1f ms, >100 ms %ld, >1 s %ld;"
	       " %ld re-kicks, %ld side-channel kicks\n", threads, requests, hogs,
	       use_kick ? (!kick_supported ? "on (daemon without HZC_MOCK_KICK)" : kick_after_ns ? "after 1 ms" : "on")
	       : "off", total,
	       (double)t0 / 1e9, timeouts, bad, n, n ? (double)all[n / 2] / 1e6 : 0.0,
	       n ? (double)all[n * 99 / 100] / 1e6 : 0.0, n ? (double)all[n - 1] / 1e6 : 0.0, over100, over1s,
	       rekicks, kicks);
	(void)checks;
	(void)fails;
	return timeouts || bad ? 1 : 0;
}
