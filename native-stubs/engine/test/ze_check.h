/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_check.h - the small check harness shared by the C test programs of
 * native-stubs (engine unit test, kernel-stub smoke test, CUSE smoke test):
 * counted checks that report and go on, an errno check, and a sysfs reader.
 * Header-only; each program includes it once.
 */
#ifndef ZE_CHECK_H
#define ZE_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int fails, checks;

/* Counts a check; on failure prints where, the condition and a message. */
#define CHECK(c, ...) do { checks++; if (!(c)) { fails++; \
	printf("FAIL %s:%d %s: ", __func__, __LINE__, #c); printf(__VA_ARGS__); \
	printf(" (errno %d %s)\n", errno, strerror(errno)); } } while (0)

/* The call must fail with -1 and errno e. */
#define ERRNO_IS(call, e) do { errno = 0; long r_ = (long)(call); \
	CHECK(r_ == -1 && errno == (e), "%s: want errno %s, got rc %ld", #call, #e, r_); } while (0)

/* Reads dir/name as a number (sysfs attribute); -9999 when it cannot be read. */
static inline long sysfs_long(const char *dir, const char *name)
{
	char p[1024], b[128] = "";
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "r");
	if (!f)
		return -9999;
	if (!fgets(b, sizeof(b), f))
		b[0] = 0;
	fclose(f);
	return strtol(b, NULL, 0);
}

/* Monotonic time in milliseconds (figures printed by the teardown tests). */
static inline double check_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static inline int check_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts v[0..n) and prints "median M ms, min, max (n runs)" after what. */
static inline void check_print_times(const char *what, double *v, int n)
{
	if (n <= 0)
		return;
	qsort(v, (size_t)n, sizeof(v[0]), check_cmp_double);
	printf("%s: median %.1f ms, min %.1f, max %.1f (%d runs)\n", what, v[n / 2], v[0],
	       v[n - 1], n);
}

/*
 * Bounded-teardown measurement shared by the kernel-stub and CUSE smoke
 * tests: runs times { fork; the child calls fill() (open a queue, fill it
 * with large SQEs, ring) and waits; SIGKILL it 100 ms later; wait until
 * avail() == a0 again (up to 120 s) } and stores the ms from SIGKILL to
 * that point in ms[]. A child whose fill() failed counts as a failed check.
 * Returns the number of runs done.
 */
static inline int check_kill_runs(int (*fill)(void), long (*avail)(void), long a0, double *ms,
				  int times)
{
	int run, st, p[2];
	pid_t pid;

	for (run = 0; run < times; run++) {
		char x = 0;
		double t0;

		if (pipe(p))
			break;
		pid = fork();
		if (pid == 0) {
			close(p[0]);
			alarm(120);        /* a hung open ends the child, not the test */
			x = fill() ? 'e' : 'k';
			if (write(p[1], &x, 1) != 1)
				_exit(3);
			for (;;)
				pause();
		}
		close(p[1]);
		if (read(p[0], &x, 1) != 1)
			x = 0;
		close(p[0]);
		CHECK(x == 'k', "child filled its queue (%c)", x ? x : '-');
		usleep(100000);            /* the engine is inside the first SQE */
		t0 = check_now_ms();
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		while (avail() != a0 && check_now_ms() - t0 < 120000)
			usleep(1000);
		ms[run] = check_now_ms() - t0;
	}
	return run;
}

/* Reads a whole small file (sysfs, module parameter) into buf; -1 when it cannot be read. */
static inline int file_text(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	size_t k;

	if (!f)
		return -1;
	k = fread(buf, 1, n - 1, f);
	buf[k] = 0;
	fclose(f);
	return 0;
}

#endif
