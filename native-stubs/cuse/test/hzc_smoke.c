// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzc_smoke.c - smoke test of the CUSE mock daemon (hisi_zip_cuse), run in
 * the VM by native-stubs/vm/with-cuse.sh. It is a client of the mock as the
 * Java driver is: discovery from the daemon's sysfs tree, regions through
 * the mock side channel (hzc_mock_abi.h) and the region files, then the
 * uacce ioctls, a zlib round trip through the ring, poll, queue exhaustion,
 * release on close and on client death. Expects the daemon's defaults
 * (api 2, era B) except for --sva 0 (detected from the flags attribute).
 *
 *   hzc_smoke SYSFS_ROOT [DEV_ROOT]       exit status 0 = all passed
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "ze_check.h"
#include "hzc_mock_abi.h"
#include "hzc_client.h"

#define START_Q      _IO('W', 0)
#define PUT_Q        _IO('W', 1)
#define GET_SS_DMA   _IOR('W', 3, unsigned long)
struct ctx_arg { uint16_t id, qc_type; };
struct info_arg { uint32_t sqe_size; uint16_t sq_depth, cq_depth; uint64_t reserved; };
#define SET_QP_CTX   _IOWR('H', 10, struct ctx_arg)
#define SET_QP_INFO  _IOWR('H', 11, struct info_arg)

static char devdir[512], regdir[1024], node[512];
static int sva = 1;
static long pagesz;

static long attr(const char *name)
{
	return sysfs_long(devdir, name);
}

/* A queue as the driver sees it: fd + the mapped region files. */
struct mq {
	int fd, qn;
	uint8_t *mmio, *dus, *ss;
	size_t mlen, dlen, slen;
	uint64_t dma;
	unsigned int tail, head, phase;
};

/* mmap stand-in: ask the daemon (kernel checks), then map the file. */
static void *map_region(int fd, unsigned int qfrt, size_t len)
{
	return hzc_map_region(regdir, fd, qfrt, len);
}

static int mq_open(struct mq *q, int dir)
{
	struct ctx_arg c = { 0, (uint16_t)dir };

	memset(q, 0, sizeof(*q));
	q->phase = 1;
	q->fd = open(node, O_RDWR | O_CLOEXEC);
	if (q->fd < 0)
		return -1;
	q->dlen = (size_t)attr("region_dus_size");
	q->mlen = (size_t)attr("region_mmio_size");
	q->dus = map_region(q->fd, 1, q->dlen);
	q->mmio = map_region(q->fd, 0, q->mlen);
	if (!q->dus || !q->mmio || ioctl(q->fd, SET_QP_CTX, &c))
		return -1;
	q->qn = c.id;
	if (!sva) {
		q->slen = 1 << 20;
		q->ss = map_region(q->fd, 2, q->slen);
		q->dma = 0;
		if (!q->ss || ioctl(q->fd, GET_SS_DMA, &q->dma) != 0)
			return -1;
		q->dma &= ~0xFFFull;
	}
	return ioctl(q->fd, START_Q);
}

static void mq_close(struct mq *q)
{
	if (q->mmio)
		munmap(q->mmio, q->mlen);
	if (q->dus)
		munmap(q->dus, q->dlen);
	if (q->ss)
		munmap(q->ss, q->slen);
	close(q->fd);
}

static void ring(struct mq *q, unsigned int cmd, unsigned int idx, unsigned int prio)
{
	uint64_t v = (uint64_t)(q->qn & 0xFFF) | (uint64_t)cmd << 12 | (uint64_t)idx << 32 |
		     (uint64_t)prio << 48;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n((uint64_t *)(q->mmio + 0x1000), v, __ATOMIC_RELEASE);
}

static uint64_t devaddr(struct mq *q, void *p)
{
	return sva ? (uint64_t)(uintptr_t)p : q->dma + (uint64_t)((uint8_t *)p - q->ss);
}

/* One stateless zlib SQE (type 0, new stream + finish); returns dw3. */
static uint32_t run_sqe(struct mq *q, void *in, uint32_t in_len, void *out, uint32_t out_len,
			uint32_t *produced, int use_poll)
{
	uint32_t *s = (uint32_t *)(q->dus + 128 * q->tail), w[32];
	uint8_t *cqe = q->dus + 128 * 1024 + 16 * q->head;
	uint64_t src = devaddr(q, in), dst = devaddr(q, out);
	struct timespec t0, t;
	unsigned int slot;

	memset(s, 0, 128);
	s[4] = in_len;
	s[7] = 1u << 27 | 1u << 25;
	s[9] = 2;                          /* zlib */
	s[14] = out_len;
	s[18] = (uint32_t)src; s[19] = (uint32_t)(src >> 32);
	s[20] = (uint32_t)dst; s[21] = (uint32_t)(dst >> 32);
	s[13] = 0x5157;
	q->tail = (q->tail + 1) % 1024;
	ring(q, 0, q->tail, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((__atomic_load_n((uint16_t *)(cqe + 14), __ATOMIC_ACQUIRE) & 1) != q->phase) {
		if (use_poll) {
			struct pollfd pf = { q->fd, POLLIN, 0 };

			poll(&pf, 1, 100);
		} else {
			usleep(200);
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > 20)
			return 0xDEAD;
	}
	memcpy(&slot, cqe + 8, 2);
	slot &= 0xFFFF;
	memcpy(w, q->dus + 128 * slot, 128);
	q->head = (q->head + 1) % 1024;
	if (q->head == 0)
		q->phase ^= 1;
	ring(q, 1, q->head, 1);
	CHECK(w[13] == 0x5157, "tag kept");
	*produced = w[1];
	return w[3];
}

static void *buf(struct mq *q, size_t off, size_t n)
{
	return sva ? calloc(1, n) : q->ss + off;
}

static void t_sysfs(void)
{
	CHECK(attr("region_dus_size") > 128 * 1024, "region_dus_size");
	CHECK(attr("region_mmio_size") > 0x1000, "region_mmio_size");
	CHECK(attr("available_instances") > 0, "available_instances");
	CHECK(attr("device/numa_node") != -9999, "device/numa_node present");
	CHECK(attr("isolate") == 0, "isolate");
	CHECK(access(regdir, R_OK | X_OK) == 0, "region dir %s", regdir);
}

static void t_abi(void)
{
	struct info_arg in = { 0 };
	struct ctx_arg c = { 0, 7 };
	struct hzc_mock_region r = { .qfrt = 1, .length = 4096 };
	long before = attr("available_instances");
	int fd = open(node, O_RDWR | O_CLOEXEC);
	void *m;

	CHECK(fd >= 0, "open %s", node);
	if (fd < 0)
		return;
	CHECK(attr("available_instances") == before - 1, "open takes an instance");
	errno = 0;
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m == MAP_FAILED && errno == ENODEV, "mmap on a CUSE node fails with ENODEV");
	ERRNO_IS(ioctl(fd, HZC_MOCK_MMAP, &r), EINVAL);        /* DUS length must be exact */
	r.length = (uint64_t)attr("region_dus_size");
	CHECK(ioctl(fd, HZC_MOCK_MMAP, &r) == 0 && r.token > 0, "mock mmap DUS");
	ERRNO_IS(ioctl(fd, HZC_MOCK_MMAP, &r), EEXIST);
	r.qfrt = 9;
	ERRNO_IS(ioctl(fd, HZC_MOCK_MMAP, &r), EINVAL);
	ERRNO_IS(ioctl(fd, SET_QP_CTX, &c), EINVAL);           /* qc_type 7 */
	ERRNO_IS(ioctl(fd, SET_QP_CTX, (void *)8), EFAULT);
	c.qc_type = 1;
	CHECK(ioctl(fd, SET_QP_CTX, &c) == 0, "SET_QP_CTX");
	CHECK(ioctl(fd, SET_QP_INFO, &in) == 0 && in.sqe_size == 128 && in.sq_depth == 1024 &&
	       in.cq_depth == 1024, "SET_QP_INFO %u/%u/%u", in.sqe_size, in.sq_depth, in.cq_depth);
	ERRNO_IS(ioctl(fd, _IO('W', 42)), EINVAL);
	if (sva) {
		uint64_t i = 0;

		ERRNO_IS(ioctl(fd, GET_SS_DMA, &i), EINVAL);
	}
	CHECK(ioctl(fd, START_Q) == 0, "START_Q");
	ERRNO_IS(ioctl(fd, START_Q), EINVAL);
	CHECK(ioctl(fd, PUT_Q) == 0, "PUT_Q");
	CHECK(attr("available_instances") == before, "era B: PUT_Q gives the queue back");
	ERRNO_IS(ioctl(fd, PUT_Q), ENXIO);
	ERRNO_IS(ioctl(fd, SET_QP_INFO, &in), ENXIO);
	r.qfrt = 0; r.length = 4096;
	ERRNO_IS(ioctl(fd, HZC_MOCK_MMAP, &r), ENXIO);
	{
		struct pollfd pf = { fd, POLLIN, 0 };

		CHECK(poll(&pf, 1, 50) == 0, "poll on a dead queue times out");
	}
	close(fd);
	CHECK(attr("available_instances") == before, "close");
}

static void t_roundtrip(int use_poll)
{
	struct mq c, d;
	size_t n = 200000, cap = n + 4096;
	uint8_t *src, *cmp, *back, *ref;
	uint32_t st, produced = 0, back_len = 0;
	uLongf rl = n;
	size_t i;

	if (mq_open(&c, 0) || mq_open(&d, 1)) {
		CHECK(0, "open+map+start of two queues");
		return;
	}
	src = buf(&c, 0, n);
	cmp = buf(&c, n + 4096, cap);
	for (i = 0; i < n; i++)
		src[i] = (uint8_t)("cuse mock "[i % 10] ^ (i / 4093));
	st = run_sqe(&c, src, (uint32_t)n, cmp, (uint32_t)cap, &produced, use_poll);
	CHECK(st == 0, "compress status 0x%x", st);
	ref = malloc(n);
	{
		/* the engine writes no zlib header (UADK's job); prepend one */
		uint8_t *z = malloc(produced + 2);

		z[0] = 0x78; z[1] = 0x9C;
		memcpy(z + 2, cmp, produced);
		CHECK(uncompress(ref, &rl, z, produced + 2) == Z_OK && rl == n && !memcmp(ref, src, n),
		       "system zlib inflates the device output (%u bytes)", produced);
		free(z);
	}
	if (!sva) {
		memcpy(d.ss + 8192, cmp, produced);
		cmp = d.ss + 8192;
	}
	back = buf(&d, 8192 + cap, n + 64);
	st = run_sqe(&d, cmp, produced, back, (uint32_t)n + 64, &back_len, use_poll);
	CHECK(st == 0 && back_len == n && !memcmp(back, src, n),
	       "stateless decompress completes with 0x00: status 0x%x, %u bytes", st, back_len);
	if (sva) {
		free(src);
		free(cmp);
		free(back);
	}
	free(ref);
	mq_close(&c);
	mq_close(&d);
}

static void t_exhaust_and_death(void)
{
	long avail = attr("available_instances"), k;
	int *fds = calloc((size_t)avail + 1, sizeof(int));
	pid_t p;
	int st;

	for (k = 0; k < avail; k++)
		fds[k] = open(node, O_RDWR | O_CLOEXEC);
	CHECK(fds[avail - 1] >= 0 && attr("available_instances") == 0, "all %ld queues open", avail);
	ERRNO_IS(open(node, O_RDWR | O_CLOEXEC), EBUSY);
	for (k = 0; k < avail; k++)
		close(fds[k]);
	CHECK(attr("available_instances") == avail, "all released");
	free(fds);

	p = fork();
	if (p == 0) {
		struct mq q;

		alarm(30);                 /* a hung open/start ends the child (SIGALRM), not the test */
		if (mq_open(&q, 0))
			_exit(3);
		kill(getpid(), SIGKILL);   /* die with the queue open and started */
	}
	waitpid(p, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "child died by SIGKILL with its queue open (status 0x%x)", st);
	usleep(200000);
	CHECK(attr("available_instances") == avail, "release on client death");
}

/* Bounded teardown (issue 11): a client killed with a full queue of large
 * SQEs gets its release answered at once; the daemon drops the queued work
 * instead of running it first. The limit only detects a hang; the measured
 * times are printed. */
#define KILL_RUNS     5
#define KILL_LIMIT_MS 5000
#define KILL_LEN      (512u << 10)

static int fill_queue(struct mq *q)
{
	uint8_t *in, *out;
	uint32_t *s;
	unsigned int i;

	if (mq_open(q, 0))
		return -1;
	in = sva ? malloc(2 * KILL_LEN) : q->ss;
	if (!in)
		return -1;
	out = in + KILL_LEN;
	srand(7);
	for (i = 0; i < KILL_LEN; i++)
		in[i] = (uint8_t)('a' + rand() % 20);
	for (i = 0; i < 1023; i++) {
		uint64_t src = devaddr(q, in), dst = devaddr(q, out);

		s = (uint32_t *)(q->dus + 128 * i);
		memset(s, 0, 128);
		s[4] = KILL_LEN;
		s[7] = 1u << 27 | 1u << 25;
		s[9] = 2;
		s[14] = KILL_LEN;
		s[18] = (uint32_t)src; s[19] = (uint32_t)(src >> 32);
		s[20] = (uint32_t)dst; s[21] = (uint32_t)(dst >> 32);
	}
	q->tail = 1023;
	ring(q, 0, q->tail, 0);
	return 0;
}

static int fill_one(void)
{
	struct mq q;

	return fill_queue(&q);
}

static long avail_now(void)
{
	return attr("available_instances");
}

static void t_kill(void)
{
	double ms[KILL_RUNS], start = check_now_ms();
	char b[160];
	int run, n = check_kill_runs(fill_one, avail_now, avail_now(), ms, KILL_RUNS);

	for (run = 0; run < n; run++)
		CHECK(ms[run] < KILL_LIMIT_MS, "run %d: SIGKILL with a full queue -> instance back after %.0f ms",
		      run, ms[run]);
	snprintf(b, sizeof(b), "t_kill (CUSE %s): SIGKILL with 1023 x %u KiB SQEs queued -> available_instances back",
		 sva ? "SVA" : "no-SVA", KILL_LEN >> 10);
	check_print_times(b, ms, n);
	printf("t_kill: %.1f s in all\n", (check_now_ms() - start) / 1e3);
}

int main(int argc, char **argv)
{
	const char *sysroot = argc > 1 ? argv[1] : NULL;
	const char *devroot = argc > 2 ? argv[2] : "/dev";
	if (!sysroot) {
		fprintf(stderr, "usage: hzc_smoke SYSFS_ROOT [DEV_ROOT]\n");
		return 2;
	}
	pagesz = sysconf(_SC_PAGESIZE);
	if (hzc_find_device(sysroot, devroot, devdir, node, regdir))
		return 1;
	sva = attr("flags") & 1;
	printf("hzc_smoke: %s, sysfs %s, regions %s, %s\n", node, devdir, regdir,
	       sva ? "SVA" : "no-SVA (SS)");
	t_sysfs();
	t_abi();
	t_roundtrip(0);
	t_roundtrip(1);
	t_exhaust_and_death();
	t_kill();
	printf("%d passed, %d failed\n", checks - fails, fails);
	return fails ? 1 : 0;
}
