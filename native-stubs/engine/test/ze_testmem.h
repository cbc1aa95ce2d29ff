/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_testmem.h - "the opener's memory" of the engine unit tests: only
 * registered buffers are reachable through the ze_mem_ops below; any other
 * address fails the copy like a bad SVA address. Header-only, included once.
 */
#ifndef ZE_TESTMEM_H
#define ZE_TESTMEM_H

#define MAXBUF 32
static struct { uint8_t *p; size_t n; } bufs[MAXBUF];

static uint8_t *reg(size_t n)
{
	int i;

	for (i = 0; i < MAXBUF; i++)
		if (!bufs[i].p) {
			bufs[i].p = calloc(1, n ? n : 1);
			bufs[i].n = n ? n : 1;
			return bufs[i].p;
		}
	abort();
}

static void unreg_all(void)
{
	int i;

	for (i = 0; i < MAXBUF; i++) {
		free(bufs[i].p);
		bufs[i].p = NULL;
	}
}

static uint8_t *lookup(uint64_t a, uint32_t len)
{
	int i;

	for (i = 0; i < MAXBUF; i++) {
		uint64_t b = (uint64_t)(uintptr_t)bufs[i].p;

		if (bufs[i].p && a >= b && a + len <= b + bufs[i].n)
			return (uint8_t *)(uintptr_t)a;
	}
	return NULL;
}

static int mem_read(void *ctx, uint64_t a, void *dst, uint32_t len)
{
	uint8_t *p = lookup(a, len);

	(void)ctx;
	if (!p)
		return -1;
	memcpy(dst, p, len);
	return 0;
}

static int mem_write(void *ctx, uint64_t a, const void *src, uint32_t len)
{
	uint8_t *p = lookup(a, len);

	(void)ctx;
	if (!p)
		return -1;
	memcpy(p, src, len);
	return 0;
}

static const struct ze_mem_ops mops = { mem_read, mem_write };

#endif /* ZE_TESTMEM_H */
