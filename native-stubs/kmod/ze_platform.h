/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_platform.h (Linux kernel) - what the engine core needs from its host,
 * supplied by the kernel: kvzalloc, the kernel's own zlib (raw deflate and
 * inflate, CONFIG_ZLIB_DEFLATE/INFLATE), SMP barriers, ktime, printk.
 */
#ifndef ZE_PLATFORM_H
#define ZE_PLATFORM_H

#include <linux/types.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/zlib.h>
#include <linux/ktime.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <asm/barrier.h>

static inline void *zp_alloc(size_t n) { return kvzalloc(n, GFP_KERNEL); }
static inline void zp_free(void *p) { kvfree(p); }

static inline int zp_deflate_init(z_stream *s, int level, int wbits)
{
	int ret;

	memset(s, 0, sizeof(*s));
	s->workspace = kvzalloc(zlib_deflate_workspacesize(wbits, 8), GFP_KERNEL);
	if (!s->workspace)
		return Z_MEM_ERROR;
	ret = zlib_deflateInit2(s, level, Z_DEFLATED, -wbits, 8, Z_DEFAULT_STRATEGY);
	if (ret != Z_OK) {
		kvfree(s->workspace);
		s->workspace = NULL;
	}
	return ret;
}
static inline int zp_deflate_reset(z_stream *s) { return zlib_deflateReset(s); }
static inline int zp_deflate(z_stream *s, int flush) { return zlib_deflate(s, flush); }
static inline void zp_deflate_end(z_stream *s)
{
	zlib_deflateEnd(s);
	kvfree(s->workspace);
	s->workspace = NULL;
}

static inline int zp_inflate_init(z_stream *s)
{
	int ret;

	memset(s, 0, sizeof(*s));
	s->workspace = kvzalloc(zlib_inflate_workspacesize(), GFP_KERNEL);
	if (!s->workspace)
		return Z_MEM_ERROR;
	ret = zlib_inflateInit2(s, -MAX_WBITS);
	if (ret != Z_OK) {
		kvfree(s->workspace);
		s->workspace = NULL;
	}
	return ret;
}
static inline int zp_inflate_reset(z_stream *s) { return zlib_inflateReset(s); }
static inline int zp_inflate(z_stream *s, int flush) { return zlib_inflate(s, flush); }
static inline void zp_inflate_end(z_stream *s)
{
	zlib_inflateEnd(s);
	kvfree(s->workspace);
	s->workspace = NULL;
}

/* The rings are shared with user space on other CPUs: SMP ordering. */
static inline uint64_t zp_load64_acquire(const volatile uint64_t *p)
{
	return smp_load_acquire(p);
}
static inline uint32_t zp_load32(const volatile uint32_t *p) { return READ_ONCE(*p); }
static inline void zp_store32(volatile uint32_t *p, uint32_t v) { WRITE_ONCE(*p, v); }
static inline void zp_store32_release(volatile uint32_t *p, uint32_t v)
{
	smp_store_release(p, v);
}
static inline void zp_store64(volatile uint64_t *p, uint64_t v) { WRITE_ONCE(*p, v); }
static inline void zp_wmb(void) { smp_wmb(); }
static inline void zp_mb(void) { smp_mb(); }

/* Called once per chunk of a request (process context, may sleep). */
static inline void zp_cond_resched(void) { cond_resched(); }

static inline uint64_t zp_now_ns(void) { return ktime_get_ns(); }

#define zp_err(fmt, ...)  pr_err_ratelimited("hisi_zip_stub: " fmt "\n", ##__VA_ARGS__)
#define zp_warn(fmt, ...) pr_warn_ratelimited("hisi_zip_stub: " fmt "\n", ##__VA_ARGS__)
#define zp_info(fmt, ...) pr_info_ratelimited("hisi_zip_stub: " fmt "\n", ##__VA_ARGS__)
#define zp_dbg(fmt, ...)  pr_debug("hisi_zip_stub: " fmt "\n", ##__VA_ARGS__)

#endif /* ZE_PLATFORM_H */
