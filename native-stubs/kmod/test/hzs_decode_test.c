// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzs_decode_test.c - host unit test of the doorbell-trap store decoders
 * (kmod/hzs_decode.c). The instruction encodings were produced by the GNU
 * assembler (x86-64 `as`, `aarch64-linux-gnu-as -march=armv8.4-a`); the
 * expected addresses and values follow from the operands written there.
 * Runs on any host: both decoders are plain C.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ze_check.h"
#include "../hzs_decode.h"

#define PC 0x400000ull

static struct hzs_dec_regs regs;

/* Distinct, recognisable register contents. */
static uint64_t R(unsigned int i) { return 0x00007f0000000000ull + ((uint64_t)i << 20) + 0x40 * i; }

static void setup(void)
{
	unsigned int i;

	for (i = 0; i < 32; i++)
		regs.r[i] = R(i);
	regs.pc = PC;
}

struct x86_case {
	const char *text;
	uint8_t b[15];
	unsigned int n;         /* bytes */
	unsigned int width;
	uint64_t ea, val;
	int xmm;                /* source XMM register, or 0 = none (-1 in the decoder) */
};

static void test_x86(void)
{
	const uint64_t M32 = 0xffffffffull;
	const struct x86_case ok[] = {
		{ "mov %rax,(%rdi)", { 0x48, 0x89, 0x07 }, 3, 8, R(7), R(0), 0 },
		{ "mov %rdx,0x1000(%rax)", { 0x48, 0x89, 0x90, 0x00, 0x10, 0x00, 0x00 }, 7, 8, R(0) + 0x1000, R(2), 0 },
		{ "mov %r9,(%r12)", { 0x4d, 0x89, 0x0c, 0x24 }, 4, 8, R(12), R(9), 0 },
		{ "mov %r11,0x8(%r13)", { 0x4d, 0x89, 0x5d, 0x08 }, 4, 8, R(13) + 8, R(11), 0 },
		{ "mov %rsi,(%rax,%rbx,8)", { 0x48, 0x89, 0x34, 0xd8 }, 4, 8, R(0) + R(3) * 8, R(6), 0 },
		{ "mov %rcx,0x10(%r8,%r14,2)", { 0x4b, 0x89, 0x4c, 0x70, 0x10 }, 5, 8, R(8) + R(14) * 2 + 0x10, R(1), 0 },
		{ "mov %r10,(%rsp)", { 0x4c, 0x89, 0x14, 0x24 }, 4, 8, R(4), R(10), 0 },
		{ "mov %rbp,-0x8(%rbp)", { 0x48, 0x89, 0x6d, 0xf8 }, 4, 8, R(5) - 8, R(5), 0 },
		{ "mov %eax,(%rdi)", { 0x89, 0x07 }, 2, 4, R(7), R(0) & M32, 0 },
		{ "mov %r15d,0x4(%rsi,%r12,1)", { 0x46, 0x89, 0x7c, 0x26, 0x04 }, 5, 4, R(6) + R(12) + 4, R(15) & M32, 0 },
		{ "movq $0x1234,(%rdx)", { 0x48, 0xc7, 0x02, 0x34, 0x12, 0x00, 0x00 }, 7, 8, R(2), 0x1234, 0 },
		{ "movq $-1,0x1000(%rcx)", { 0x48, 0xc7, 0x81, 0x00, 0x10, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff }, 11, 8,
		  R(1) + 0x1000, ~0ull, 0 },
		{ "movl $0x80000000,(%rbx)", { 0xc7, 0x03, 0x00, 0x00, 0x00, 0x80 }, 6, 4, R(3), 0x80000000ull, 0 },
		{ "movnti %rax,(%rdi)", { 0x48, 0x0f, 0xc3, 0x07 }, 4, 8, R(7), R(0), 0 },
		{ "mov %rax,0x1000(,%rcx,4)", { 0x48, 0x89, 0x04, 0x8d, 0x00, 0x10, 0x00, 0x00 }, 8, 8, R(1) * 4 + 0x1000, R(0), 0 },
		{ "mov %rax,0x10(%rip)", { 0x48, 0x89, 0x05, 0x10, 0x00, 0x00, 0x00 }, 7, 8, PC + 7 + 0x10, R(0), 0 },
		{ "mov %rax,0x0(%r13)", { 0x49, 0x89, 0x45, 0x00 }, 4, 8, R(13), R(0), 0 },
		{ "mov %rax,(%edi)", { 0x67, 0x48, 0x89, 0x07 }, 4, 8, R(7) & M32, R(0), 0 },
		{ "ds mov %rax,(%rdi)", { 0x3e, 0x48, 0x89, 0x07 }, 4, 8, R(7), R(0), 0 },
		{ "xchg %rax,(%rdi)", { 0x48, 0x87, 0x07 }, 3, 8, R(7), R(0), 0 },
		{ "xchg %eax,(%rdi)", { 0x87, 0x07 }, 2, 4, R(7), R(0) & M32, 0 },
		{ "lock xchg %rax,(%rdi)", { 0xf0, 0x48, 0x87, 0x07 }, 4, 8, R(7), R(0), 0 },
		{ "xchg %r9,0x10(%r12)", { 0x4d, 0x87, 0x4c, 0x24, 0x10 }, 5, 8, R(12) + 0x10, R(9), 0 },
		{ "vmovsd %xmm0,(%rdx,%rcx,1)", { 0xc5, 0xfb, 0x11, 0x04, 0x0a }, 5, 8, R(2) + R(1), 0, 1 + 0 },
		{ "movq %xmm1,(%rdi)", { 0x66, 0x0f, 0xd6, 0x0f }, 4, 8, R(7), 0, 1 + 1 },
		{ "movsd %xmm2,0x8(%rax)", { 0xf2, 0x0f, 0x11, 0x50, 0x08 }, 5, 8, R(0) + 8, 0, 1 + 2 },
		{ "movss %xmm3,(%rbx)", { 0xf3, 0x0f, 0x11, 0x1b }, 4, 4, R(3), 0, 1 + 3 },
		{ "movd %xmm4,(%rcx)", { 0x66, 0x0f, 0x7e, 0x21 }, 4, 4, R(1), 0, 1 + 4 },
		{ "movq %xmm9,(%r8)", { 0x66, 0x45, 0x0f, 0xd6, 0x08 }, 5, 8, R(8), 0, 1 + 9 },
		{ "vmovq %xmm5,(%rdi)", { 0xc5, 0xf9, 0xd6, 0x2f }, 4, 8, R(7), 0, 1 + 5 },
		{ "vmovsd %xmm12,0x10(%r13)", { 0xc4, 0x41, 0x7b, 0x11, 0x65, 0x10 }, 6, 8, R(13) + 0x10, 0, 1 + 12 },
		{ "vmovd %xmm6,(%rsi)", { 0xc5, 0xf9, 0x7e, 0x36 }, 4, 4, R(6), 0, 1 + 6 },
		{ "vmovss %xmm1,(%rax)", { 0xc5, 0xfa, 0x11, 0x08 }, 4, 4, R(0), 0, 1 + 1 },
	};
	const struct x86_case bad[] = {
		{ "mov %rax,%fs:(%rdi)", { 0x64, 0x48, 0x89, 0x07 }, 4, 0, 0, 0, 0 },
		{ "mov %ax,(%rdi)", { 0x66, 0x89, 0x07 }, 3, 0, 0, 0, 0 },
		{ "mov (%rdi),%rax", { 0x48, 0x8b, 0x07 }, 3, 0, 0, 0, 0 },
		{ "mov %al,(%rdi)", { 0x88, 0x07 }, 2, 0, 0, 0, 0 },
		{ "mov %rax,%rdi", { 0x48, 0x89, 0xc7 }, 3, 0, 0, 0, 0 },
		{ "movups %xmm0,(%rdi)", { 0x0f, 0x11, 0x07 }, 3, 0, 0, 0, 0 },
		{ "rep mov (F3 48 89 07)", { 0xf3, 0x48, 0x89, 0x07 }, 4, 0, 0, 0, 0 },
		{ "lock add (encoding F0 48 01 07)", { 0xf0, 0x48, 0x01, 0x07 }, 4, 0, 0, 0, 0 },
		{ "lock mov (F0 48 89 07, invalid)", { 0xf0, 0x48, 0x89, 0x07 }, 4, 0, 0, 0, 0 },
		{ "C7 /1 (undefined)", { 0x48, 0xc7, 0x0f, 0, 0, 0, 0 }, 7, 0, 0, 0, 0 },
	};
	struct hzs_dec d;
	unsigned int i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int rc = hzs_decode_x86_64(ok[i].b, ok[i].n, &regs, &d);

		CHECK(rc == HZS_DEC_OK, "%s: rc %d (%s)", ok[i].text, rc, d.why ? d.why : "");
		if (rc)
			continue;
		CHECK(d.len == ok[i].n && d.n == 1 && d.width == ok[i].width && d.wb == -1,
		      "%s: len %u n %u width %u", ok[i].text, d.len, d.n, d.width);
		CHECK(d.ld_reg == (strncmp(ok[i].text, "xchg", 4) && strncmp(ok[i].text, "lock xchg", 9) ? -1 :
				   ok[i].b[ok[i].n - 1] == 0x10 ? 9 : 0),
		      "%s: swap register %d", ok[i].text, d.ld_reg);
		CHECK(d.src_xmm == ok[i].xmm - 1, "%s: source xmm %d", ok[i].text, d.src_xmm);
		CHECK(d.addr[0] == ok[i].ea, "%s: ea 0x%llx want 0x%llx", ok[i].text,
		      (unsigned long long)d.addr[0], (unsigned long long)ok[i].ea);
		CHECK(d.val[0] == ok[i].val, "%s: value 0x%llx want 0x%llx", ok[i].text,
		      (unsigned long long)d.val[0], (unsigned long long)ok[i].val);
		/* with trailing bytes (the next instruction) the length is the same */
		{
			uint8_t b[15];

			memset(b, 0x90, sizeof(b));
			memcpy(b, ok[i].b, ok[i].n);
			rc = hzs_decode_x86_64(b, sizeof(b), &regs, &d);
			CHECK(rc == HZS_DEC_OK && d.len == ok[i].n, "%s + nops: rc %d len %u", ok[i].text, rc, d.len);
		}
		/* every truncation is SHORT, never a wrong decode */
		{
			unsigned int k;

			for (k = 0; k < ok[i].n; k++)
				CHECK(hzs_decode_x86_64(ok[i].b, k, &regs, &d) == HZS_DEC_SHORT, "%s cut at %u",
				      ok[i].text, k);
		}
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = hzs_decode_x86_64(bad[i].b, bad[i].n, &regs, &d);

		CHECK(rc == HZS_DEC_UNKNOWN && d.why, "%s: refused, rc %d", bad[i].text, rc);
	}
}

struct a64_case {
	const char *text;
	uint32_t insn;
	unsigned int n, width;
	uint64_t ea, val, val2;
	int wb;
	uint64_t wb_val;
};

static void test_arm64(void)
{
	const uint64_t M32 = 0xffffffffull;
	const struct a64_case ok[] = {
		{ "str x1, [x0]", 0xf9000001, 1, 8, R(0), R(1), 0, -1, 0 },
		{ "str x2, [x3, #4096]", 0xf9080062, 1, 8, R(3) + 4096, R(2), 0, -1, 0 },
		{ "str w4, [x5, #8]", 0xb90008a4, 1, 4, R(5) + 8, R(4) & M32, 0, -1, 0 },
		{ "str xzr, [x6]", 0xf90000df, 1, 8, R(6), 0, 0, -1, 0 },
		{ "stur x7, [x8, #-8]", 0xf81f8107, 1, 8, R(8) - 8, R(7), 0, -1, 0 },
		{ "str x9, [x10, #16]!", 0xf8010d49, 1, 8, R(10) + 16, R(9), 0, 10, R(10) + 16 },
		{ "str x11, [x12], #-16", 0xf81f058b, 1, 8, R(12), R(11), 0, 12, R(12) - 16 },
		{ "str x13, [x14, x15]", 0xf82f69cd, 1, 8, R(14) + R(15), R(13), 0, -1, 0 },
		{ "str x13, [x14, x15, lsl #3]", 0xf82f79cd, 1, 8, R(14) + (R(15) << 3), R(13), 0, -1, 0 },
		{ "str w16, [x17, w18, sxtw]", 0xb832ca30, 1, 4, R(17) + (uint64_t)(int64_t)(int32_t)(uint32_t)R(18),
		  R(16) & M32, 0, -1, 0 },
		{ "str w16, [x17, w18, uxtw #2]", 0xb8325a30, 1, 4, R(17) + ((R(18) & M32) << 2), R(16) & M32, 0, -1, 0 },
		{ "stlr x19, [x20]", 0xc89ffe93, 1, 8, R(20), R(19), 0, -1, 0 },
		{ "stlr w21, [sp]", 0x889ffff5, 1, 4, R(31), R(21) & M32, 0, -1, 0 },
		{ "stlur x22, [x23, #-4]", 0xd91fc2f6, 1, 8, R(23) - 4, R(22), 0, -1, 0 },
		{ "stp x24, x25, [x26]", 0xa9006758, 2, 8, R(26), R(24), R(25), -1, 0 },
		{ "stp x1, x2, [sp, #-16]!", 0xa9bf0be1, 2, 8, R(31) - 16, R(1), R(2), 31, R(31) - 16 },
		{ "stp w3, w4, [x5], #8", 0x288110a3, 2, 4, R(5), R(3) & M32, R(4) & M32, 5, R(5) + 8 },
		{ "stnp x6, x7, [x8, #16]", 0xa8011d06, 2, 8, R(8) + 16, R(6), R(7), -1, 0 },
		{ "str x1, [sp, #8]", 0xf90007e1, 1, 8, R(31) + 8, R(1), 0, -1, 0 },
		{ "swpal x1, x2, [x3]", 0xf8e18062, 1, 8, R(3), R(1), 0, -1, 0 },
		{ "swp w4, w5, [sp]", 0xb82483e5, 1, 4, R(31), R(4) & M32, 0, -1, 0 },
		{ "swpl x6, xzr, [x7]", 0xf86680ff, 1, 8, R(7), R(6), 0, -1, 0 },
	};
	const struct a64_case bad[] = {
		{ "ldr x0, [x1]", 0xf9400020, 0, 0, 0, 0, 0, 0, 0 },
		{ "strb w0, [x1]", 0x39000020, 0, 0, 0, 0, 0, 0, 0 },
		{ "str d0, [x1]", 0xfd000020, 0, 0, 0, 0, 0, 0, 0 },
		{ "stxr w0, x1, [x2]", 0xc8007c41, 0, 0, 0, 0, 0, 0, 0 },
		{ "ldp x1, x2, [x3] (0xa9400861)", 0xa9400861, 0, 0, 0, 0, 0, 0, 0 },
		{ "str x1, [x1, #8]! (writeback Rn == Rt)", 0xf8008c21, 0, 0, 0, 0, 0, 0, 0 },
	};
	struct hzs_dec d;
	unsigned int i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int rc = hzs_decode_arm64(ok[i].insn, &regs, &d);

		CHECK(rc == HZS_DEC_OK, "%s: rc %d (%s)", ok[i].text, rc, d.why ? d.why : "");
		if (rc)
			continue;
		CHECK(d.len == 4 && d.n == ok[i].n && d.width == ok[i].width, "%s: n %u width %u",
		      ok[i].text, d.n, d.width);
		CHECK(d.addr[0] == ok[i].ea, "%s: ea 0x%llx want 0x%llx", ok[i].text,
		      (unsigned long long)d.addr[0], (unsigned long long)ok[i].ea);
		CHECK(d.val[0] == ok[i].val, "%s: value 0x%llx", ok[i].text, (unsigned long long)d.val[0]);
		if (ok[i].n == 2)
			CHECK(d.addr[1] == ok[i].ea + ok[i].width && d.val[1] == ok[i].val2, "%s: second store",
			      ok[i].text);
		CHECK(d.wb == ok[i].wb && (d.wb < 0 || d.wb_val == ok[i].wb_val), "%s: writeback %d 0x%llx",
		      ok[i].text, d.wb, (unsigned long long)d.wb_val);
		CHECK(d.ld_reg == (strncmp(ok[i].text, "swp", 3) ? -1 : (int)(ok[i].insn & 31)),
		      "%s: swap register %d", ok[i].text, d.ld_reg);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = hzs_decode_arm64(bad[i].insn, &regs, &d);

		CHECK(rc == HZS_DEC_UNKNOWN && d.why, "%s: refused, rc %d", bad[i].text, rc);
	}
	/* top-byte-ignore: a tagged base gives the untagged address */
	regs.r[0] = R(0) | (0x5aull << 56);
	CHECK(hzs_decode_arm64(0xf9000001, &regs, &d) == 0 && d.addr[0] == R(0), "tagged base: 0x%llx",
	      (unsigned long long)d.addr[0]);
	regs.r[0] = R(0);
}

int main(void)
{
	setup();
	test_x86();
	test_arm64();
	printf("hzs_decode_test: %d checks, %d failures\n", checks, fails);
	return fails ? 1 : 0;
}
