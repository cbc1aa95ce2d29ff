// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzs_decode.c - store decoders for the trapped doorbell page. Written from
 * the instruction set manuals' encodings (Intel SDM vol. 2: MOV 89/C7,
 * MOVNTI 0F C3, ModRM/SIB; Arm ARM: STR/STUR/STLR/STLUR/STP/STNP), only
 * the forms a compiler or a JIT emits for a 32- or 64-bit store of a
 * general register or an immediate. Anything else is refused (the module
 * sends SIGBUS and logs the instruction).
 */
#include "hzs_decode.h"

static void dec_init(struct hzs_dec *d)
{
	d->len = 0;
	d->n = 0;
	d->width = 0;
	d->addr[0] = d->addr[1] = 0;
	d->val[0] = d->val[1] = 0;
	d->wb = -1;
	d->wb_val = 0;
	d->ld_reg = -1;
	d->src_xmm = -1;
	d->why = 0;
}

static int refuse(struct hzs_dec *d, const char *why)
{
	d->why = why;
	return HZS_DEC_UNKNOWN;
}

static uint64_t le_bytes(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* ------------------------------------------------------------- x86-64 */

#define X86_REX_W 8u
#define X86_REX_R 4u
#define X86_REX_X 2u
#define X86_REX_B 1u

int hzs_decode_x86_64(const uint8_t *b, unsigned int avail, const struct hzs_dec_regs *r,
		      struct hzs_dec *d)
{
	unsigned int i = 0, rex = 0, op, modrm, mod, reg, rm, dlen = 0, pp = 0;
	int opsz16 = 0, adsz32 = 0, riprel = 0, lock = 0, vex = 0, rep = 0, xmm = 0;
	uint64_t ea = 0, disp, v;

	dec_init(d);
	if (avail > 15)
		avail = 15;
	for (;; i++) {                     /* legacy prefixes */
		if (i >= avail)
			return HZS_DEC_SHORT;
		if (b[i] == 0x66)
			opsz16 = 1;
		else if (b[i] == 0x67)
			adsz32 = 1;
		else if (b[i] == 0x26 || b[i] == 0x2e || b[i] == 0x36 || b[i] == 0x3e)
			;                  /* segment base 0 in 64-bit mode */
		else if (b[i] == 0x64 || b[i] == 0x65)
			return refuse(d, "fs/gs segment override");
		else if (b[i] == 0xf0)
			lock = 1;          /* only with XCHG (implied there anyway) */
		else if (b[i] == 0xf2 || b[i] == 0xf3)
			rep = b[i];        /* mandatory prefix of MOVSD/MOVSS */
		else
			break;
	}
	if (b[i] == 0xc5 || b[i] == 0xc4) {  /* VEX (always VEX in 64-bit mode) */
		unsigned int n = b[i] == 0xc5 ? 2 : 3, p1, p2;

		if (i + n + 1 > avail)
			return HZS_DEC_SHORT;
		if (rex || opsz16 || rep || lock)
			return refuse(d, "prefix before VEX");
		p1 = b[i + 1];
		p2 = n == 2 ? p1 : b[i + 2];
		rex = 0x40 | (p1 & 0x80 ? 0 : X86_REX_R);
		if (n == 3) {
			if ((p1 & 0x1f) != 1)
				return refuse(d, "VEX map other than 0F");
			rex |= (p1 & 0x40 ? 0 : X86_REX_X) | (p1 & 0x20 ? 0 : X86_REX_B) |
			       (p2 & 0x80 ? X86_REX_W : 0);
		}
		pp = p2 & 3;               /* 0 none, 1 66, 2 F3, 3 F2 */
		vex = 1;
		i += n;
		op = 0x100 | b[i++];
	} else {
		if ((b[i] & 0xf0) == 0x40) /* REX, right before the opcode */
			rex = b[i++];
		if (i >= avail)
			return HZS_DEC_SHORT;
		op = b[i++];
		if (op == 0x0f) {
			if (i >= avail)
				return HZS_DEC_SHORT;
			op = 0x100 | b[i++];
		}
		pp = rep == 0xf2 ? 3 : rep == 0xf3 ? 2 : opsz16 ? 1 : 0;
	}
	if (lock && op != 0x87)
		return refuse(d, "lock prefix");
	switch (op) {
	case 0x89: case 0xc7: case 0x87:       /* MOV r/m,r; MOV r/m,imm32; XCHG */
	case 0x1c3:                            /* MOVNTI */
		if (vex || rep)
			return refuse(d, "rep prefix");
		if (opsz16 && !(rex & X86_REX_W))
			return refuse(d, "16-bit store");
		d->width = (rex & X86_REX_W) ? 8 : 4;
		break;
	case 0x1d6:                            /* (V)MOVQ m64, xmm: 66 0F D6 */
		if (pp != 1)
			return refuse(d, "0F D6 without 66");
		xmm = 1;
		d->width = 8;
		break;
	case 0x17e:                            /* (V)MOVD/MOVQ r/m, xmm: 66 0F 7E */
		if (pp != 1)
			return refuse(d, "MMX store");
		xmm = 1;
		d->width = (rex & X86_REX_W) ? 8 : 4;
		break;
	case 0x111:                            /* (V)MOVSD F2 / (V)MOVSS F3 0F 11 */
		if (pp != 3 && pp != 2)
			return refuse(d, "128-bit vector store");
		xmm = 1;
		d->width = pp == 3 ? 8 : 4;
		break;
	default:
		return refuse(d, "not a 32/64-bit MOV/MOVNTI/XCHG/MOVQ/MOVD/MOVSD/MOVSS store");
	}
	if (i >= avail)
		return HZS_DEC_SHORT;
	modrm = b[i++];
	mod = modrm >> 6;
	reg = ((modrm >> 3) & 7) | ((rex & X86_REX_R) ? 8 : 0);
	rm = modrm & 7;
	if (mod == 3)
		return refuse(d, "register destination");
	if (op == 0xc7 && ((modrm >> 3) & 7) != 0)
		return refuse(d, "C7 with reg field != 0");
	if (rm == 4) {                     /* SIB */
		unsigned int sib, scale, idx, base;

		if (i >= avail)
			return HZS_DEC_SHORT;
		sib = b[i++];
		scale = sib >> 6;
		idx = ((sib >> 3) & 7) | ((rex & X86_REX_X) ? 8 : 0);
		base = (sib & 7) | ((rex & X86_REX_B) ? 8 : 0);
		if (idx != 4)              /* 4 without REX.X = no index (r12 is) */
			ea += r->r[idx] << scale;
		if ((sib & 7) == 5 && mod == 0)
			dlen = 4;          /* disp32, no base */
		else
			ea += r->r[base];
	} else if (rm == 5 && mod == 0) {
		riprel = 1;
		dlen = 4;
	} else {
		ea += r->r[rm | ((rex & X86_REX_B) ? 8 : 0)];
	}
	if (mod == 1)
		dlen = 1;
	else if (mod == 2)
		dlen = 4;
	if (i + dlen > avail)
		return HZS_DEC_SHORT;
	disp = le_bytes(b + i, dlen);
	if (dlen == 1)
		disp = (uint64_t)(int64_t)(int8_t)disp;
	else if (dlen == 4)
		disp = (uint64_t)(int64_t)(int32_t)disp;
	i += dlen;
	if (op == 0xc7) {
		if (i + 4 > avail)
			return HZS_DEC_SHORT;
		v = (uint64_t)(int64_t)(int32_t)le_bytes(b + i, 4);
		i += 4;
	} else if (xmm) {
		v = 0;                     /* the caller reads the vector register */
		d->src_xmm = (int)reg;
	} else {
		v = r->r[reg];
		if (op == 0x87)
			d->ld_reg = (int)reg;
	}
	ea += disp;
	if (riprel)
		ea += r->pc + i;           /* relative to the next instruction */
	if (adsz32)
		ea &= 0xffffffffull;
	if (d->width == 4)
		v &= 0xffffffffull;
	d->len = i;
	d->n = 1;
	d->addr[0] = ea;
	d->val[0] = v;
	return HZS_DEC_OK;
}

/* -------------------------------------------------------------- arm64 */

static uint64_t sext(uint64_t v, unsigned int bits)
{
	uint64_t m = 1ull << (bits - 1);

	v &= (m << 1) - 1;
	return (v ^ m) - m;
}

/* Rt (31 = zero register), as a W or X value. */
static uint64_t a64_rt(const struct hzs_dec_regs *r, unsigned int n, unsigned int width)
{
	uint64_t v = n == 31 ? 0 : r->r[n];

	return width == 4 ? v & 0xffffffffull : v;
}

/* Rn as a base register: 31 = sp. */
static uint64_t a64_rn(const struct hzs_dec_regs *r, unsigned int n)
{
	return r->r[n];
}

/* Top-byte-ignore: the user's address tag (bits 63:56) is not part of the
 * address the MMU translates. */
static uint64_t a64_untag(uint64_t a)
{
	return sext(a, 56);
}

int hzs_decode_arm64(uint32_t insn, const struct hzs_dec_regs *r, struct hzs_dec *d)
{
	unsigned int rt = insn & 31, rn = (insn >> 5) & 31;
	uint64_t base = a64_rn(r, rn), ea;

	dec_init(d);
	d->len = 4;
	/* Load/store register, integer, size 10 (W) or 11 (X), opc 00 (store). */
	if ((insn & 0x3fc00000u) == 0x39000000u && (insn >> 31)) {
		/* STR (immediate, unsigned offset): imm12 scaled by the size */
		d->width = (insn >> 30) == 3 ? 8 : 4;
		ea = base + (((insn >> 10) & 0xfff) * (uint64_t)d->width);
	} else if ((insn & 0x3fe00000u) == 0x38000000u && (insn >> 31)) {
		/* STUR / STR post-index / STR pre-index: imm9 unscaled */
		uint64_t imm = sext(insn >> 12, 9);
		unsigned int kind = (insn >> 10) & 3;

		d->width = (insn >> 30) == 3 ? 8 : 4;
		if (kind == 2)
			return refuse(d, "STTR (unprivileged) store");
		ea = kind == 1 ? base : base + imm;   /* 1 post, 3 pre, 0 STUR */
		if (kind != 0) {
			if (rn == rt && rn != 31)
				return refuse(d, "writeback with Rn == Rt");
			d->wb = (int)rn;
			d->wb_val = base + imm;
		}
	} else if ((insn & 0x3f20fc00u) == 0x38208000u && (insn >> 31)) {
		/* SWP{A}{L} Rs, Rt, [Rn] (FEAT_LSE): stores Rs, Rt gets the old value */
		d->width = (insn >> 30) == 3 ? 8 : 4;
		ea = base;
		d->n = 1;
		d->addr[0] = a64_untag(ea);
		d->val[0] = a64_rt(r, (insn >> 16) & 31, d->width);
		d->ld_reg = (int)rt;
		return HZS_DEC_OK;
	} else if ((insn & 0x3fe00c00u) == 0x38200800u && (insn >> 31)) {
		/* STR (register): Rm extended/shifted by option, S */
		unsigned int rm = (insn >> 16) & 31, option = (insn >> 13) & 7;
		uint64_t off = rm == 31 ? 0 : r->r[rm];

		d->width = (insn >> 30) == 3 ? 8 : 4;
		switch (option) {
		case 2: off &= 0xffffffffull; break;        /* UXTW */
		case 3: break;                              /* LSL / UXTX */
		case 6: off = sext(off, 32); break;         /* SXTW */
		case 7: break;                              /* SXTX */
		default: return refuse(d, "STR (register) with a reserved option");
		}
		if (insn & (1u << 12))
			off <<= d->width == 8 ? 3 : 2;
		ea = base + off;
	} else if ((insn & 0xbffffc00u) == 0x889ffc00u) {
		/* STLR (store-release), Rs and Rt2 all ones */
		d->width = (insn >> 30) == 3 ? 8 : 4;
		ea = base;
	} else if ((insn & 0xbfe00c00u) == 0x99000000u) {
		/* STLUR (FEAT_LRCPC2): imm9 unscaled */
		d->width = (insn >> 30) == 3 ? 8 : 4;
		ea = base + sext(insn >> 12, 9);
	} else if ((insn & 0x7e400000u) == 0x28000000u && !(insn & 0x40000000u)) {
		/* STP / STNP, general registers: opc 00 (W) or 10 (X);
		 * mode 000 STNP, 001 post, 010 offset, 011 pre */
		unsigned int mode = (insn >> 23) & 7, rt2 = (insn >> 10) & 31;
		uint64_t imm;

		d->width = (insn >> 31) ? 8 : 4;
		imm = sext(insn >> 15, 7) * d->width;
		if (mode > 3)
			return refuse(d, "not a store pair");
		ea = mode == 1 ? base : base + imm;
		if (mode == 1 || mode == 3) {
			if ((rn == rt || rn == rt2) && rn != 31)
				return refuse(d, "writeback with Rn == Rt");
			d->wb = (int)rn;
			d->wb_val = base + imm;
		}
		d->n = 2;
		d->addr[0] = a64_untag(ea);
		d->addr[1] = a64_untag(ea + d->width);
		d->val[0] = a64_rt(r, rt, d->width);
		d->val[1] = a64_rt(r, rt2, d->width);
		return HZS_DEC_OK;
	} else {
		return refuse(d, "not a 32/64-bit STR/STUR/STLR/STLUR/STP/SWP of a general register");
	}
	d->n = 1;
	d->addr[0] = a64_untag(ea);
	d->val[0] = a64_rt(r, rt, d->width);
	return HZS_DEC_OK;
}
