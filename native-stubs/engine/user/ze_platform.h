/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_platform.h (user space) - what the engine core needs from its host:
 * fixed-width types, zeroed allocation, the system zlib (raw deflate and
 * inflate), memory ordering for the shared ring, a monotonic clock and
 * logging. The kernel module has its own version of this header; a CUSE
 * daemon uses this one.
 */
#ifndef ZE_PLATFORM_H
#define ZE_PLATFORM_H

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static inline void *zp_alloc(size_t n) { return calloc(1, n); }
static inline void zp_free(void *p) { free(p); }

/* Raw deflate/inflate (negative windowBits); the core adds headers/trailers. */
static inline int zp_deflate_init(z_stream *s, int level, int wbits)
{
	memset(s, 0, sizeof(*s));
	return deflateInit2(s, level, Z_DEFLATED, -wbits, 8, Z_DEFAULT_STRATEGY);
}
static inline int zp_deflate_reset(z_stream *s) { return deflateReset(s); }
static inline int zp_deflate(z_stream *s, int flush) { return deflate(s, flush); }
static inline void zp_deflate_end(z_stream *s) { deflateEnd(s); }

static inline int zp_inflate_init(z_stream *s)
{
	memset(s, 0, sizeof(*s));
	return inflateInit2(s, -15);
}
static inline int zp_inflate_reset(z_stream *s) { return inflateReset(s); }
static inline int zp_inflate(z_stream *s, int flush) { return inflate(s, flush); }
static inline void zp_inflate_end(z_stream *s) { inflateEnd(s); }

/* Ring memory is shared with another agent (the driver). */
static inline uint64_t zp_load64_acquire(const volatile uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}
static inline uint32_t zp_load32(const volatile uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}
static inline void zp_store32(volatile uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}
static inline void zp_store32_release(volatile uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}
static inline void zp_store64(volatile uint64_t *p, uint64_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}
static inline void zp_wmb(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
static inline void zp_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

/* A point where a long request may let others run: nothing to do in user space. */
static inline void zp_cond_resched(void) { }

static inline uint64_t zp_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Logging: set by the program (default: errors and warnings to stderr). */
extern int zp_log_level; /* 0 errors, 1 +warnings, 2 +info, 3 +debug */
#define zp_log(lvl, ...) do { if ((lvl) <= zp_log_level) { \
	fprintf(stderr, "ze: " __VA_ARGS__); fputc('\n', stderr); } } while (0)
#define zp_err(...)  zp_log(0, __VA_ARGS__)
#define zp_warn(...) zp_log(1, __VA_ARGS__)
#define zp_info(...) zp_log(2, __VA_ARGS__)
#define zp_dbg(...)  zp_log(3, __VA_ARGS__)

#endif /* ZE_PLATFORM_H */
