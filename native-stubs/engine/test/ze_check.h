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
