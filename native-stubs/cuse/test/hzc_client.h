/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * hzc_client.h - what the C test clients of the CUSE mock (hzc_smoke,
 * hzc_stress) share: the mmap stand-in of the side channel. Header-only.
 */
#ifndef HZC_CLIENT_H
#define HZC_CLIENT_H

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "hzc_mock_abi.h"

/* mmap(fd, len, qfrt * page) on the mock: ask the daemon (kernel checks),
 * then map the region file it names under regdir. NULL on failure. */
static inline void *hzc_map_region(const char *regdir, int fd, unsigned int qfrt, size_t len)
{
	static const char *const file[] = { "mmio", "dus", "ss" };
	struct hzc_mock_region r = { .qfrt = qfrt, .length = len };
	char p[1200];
	void *m;
	int rfd;

	if (qfrt > 2 || ioctl(fd, HZC_MOCK_MMAP, &r))
		return NULL;
	snprintf(p, sizeof(p), "%s/q%llu/%s", regdir, (unsigned long long)r.token, file[qfrt]);
	rfd = open(p, O_RDWR | O_CLOEXEC);
	if (rfd < 0)
		return NULL;
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, rfd, 0);
	close(rfd);
	return m == MAP_FAILED ? NULL : m;
}

/* Device hisi_zip-0 of the daemon's sysfs tree: its sysfs directory, node and
 * region directory (from the cuse_mock_regions attribute). 0, or -1 after
 * printing why (not the CUSE mock). */
static inline int hzc_find_device(const char *sysroot, const char *devroot, char devdir[512],
				  char node[512], char regdir[1024])
{
	char rel[512] = "", p[1024];
	FILE *f;

	snprintf(devdir, 512, "%s/hisi_zip-0", sysroot);
	snprintf(node, 512, "%s/hisi_zip-0", devroot);
	snprintf(p, sizeof(p), "%s/%s", devdir, HZC_REGION_ATTR);
	f = fopen(p, "r");
	if (!f || !fgets(rel, sizeof(rel), f)) {
		printf("FAIL: %s missing: not the CUSE mock\n", p);
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	rel[strcspn(rel, "\n")] = 0;
	snprintf(regdir, 1024, "%s/%s", devdir, rel);
	return 0;
}

#endif /* HZC_CLIENT_H */
