// SPDX-License-Identifier: GPL-2.0
/*
 * hzs_latch.c - latched doorbells (module parameter latch=1, the default).
 *
 * Silicon latches every write to the doorbell register; plain memory keeps
 * only the last one, so an SQ doorbell overwritten by a CQ doorbell from
 * another thread is lost. With latch=1 the page of the MMIO region that
 * holds the doorbell gets no PTE in user space. A user store to it faults;
 * the fault handler reads the instruction at the user pc, decodes the store
 * (hzs_decode.c), checks that its address is the faulting one, applies it to
 * the 64-bit doorbell register, queues the register value in a per-queue
 * FIFO the engine thread drains in order (ze_queue_doorbell), steps the user
 * past the instruction and returns VM_FAULT_NOPAGE. Anything it cannot
 * decode gets SIGBUS and a ratelimited log line; loads from the page get
 * SIGBUS too (the doorbell register is write-only; docs/kmod.md), except the
 * read half of a swap (x86 XCHG, arm64 SWP), which returns 0: HotSpot's
 * volatile/opaque store is an XCHG on x86-64. The instruction is decoded
 * before the fault's write flag is looked at: TCG reports an XCHG on a
 * missing page as a read fault.
 */
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/ptrace.h>
#include <linux/sched/task_stack.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include "hzs.h"
#include "hzs_decode.h"

bool hzs_latch = IS_ENABLED(CONFIG_X86_64) || IS_ENABLED(CONFIG_ARM64);
module_param_named(latch, hzs_latch, bool, 0444);
MODULE_PARM_DESC(latch, "1: every doorbell store is trapped and latched in order, as silicon does (default on x86-64 and arm64); 0: the doorbell is plain memory the engine polls");

static unsigned long db_offset(void)
{
	return hzs_api == 1 ? ZE_DB_OFFSET_V1 : ZE_DB_OFFSET_V2;
}

/* Offset of the trapped page inside the MMIO region. */
static unsigned long db_page(void)
{
	return db_offset() & PAGE_MASK;
}

void hzs_latch_init(struct hzs_queue *q)
{
	spin_lock_init(&q->latch.lock);
}

/* START_Q: forget doorbells written before, take new ones. */
void hzs_latch_open(struct hzs_queue *q)
{
	spin_lock(&q->latch.lock);
	q->latch.head = q->latch.tail = 0;
	q->latch.open = true;
	spin_unlock(&q->latch.lock);
}

/* PUT_Q, release, reset: doorbells of a stopped queue are dropped. */
void hzs_latch_close(struct hzs_queue *q)
{
	spin_lock(&q->latch.lock);
	q->latch.open = false;
	q->latch.head = q->latch.tail = 0;
	spin_unlock(&q->latch.lock);
}

/* Engine thread, eng_lock held: hand the queued writes to the engine in
 * order. Returns how many. */
unsigned int hzs_latch_drain(struct hzs_queue *q)
{
	u64 buf[32];
	unsigned int total = 0, n, i;

	do {
		spin_lock(&q->latch.lock);
		for (n = 0; n < ARRAY_SIZE(buf) && q->latch.head != q->latch.tail; n++)
			buf[n] = q->latch.ring[q->latch.head++ % HZS_LATCH_DEPTH];
		spin_unlock(&q->latch.lock);
		for (i = 0; i < n; i++)
			ze_queue_doorbell(&q->ze, buf[i]);
		total += n;
	} while (n == ARRAY_SIZE(buf));
	return total;
}

/* MMIO mmap with latch=1: every page but the doorbell page is mapped now;
 * the doorbell page stays without a PTE, so each access to it faults. */
int hzs_latch_mmap(struct hzs_queue *q, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start, off;
	int ret;

	for (off = 0; off < len; off += PAGE_SIZE) {
		if (off == db_page())
			continue;
		ret = vm_insert_page(vma, vma->vm_start + off, vmalloc_to_page((u8 *)q->mmio + off));
		if (ret)
			return ret;
	}
	return 0;
}

/* ------------------------------------------------- user registers */

#if defined(CONFIG_X86_64)
#include <asm/fpu/api.h>
#include <asm/fpu/types.h>

/* The low 64 bits of the user's XMM register n (HotSpot stores a long
 * through VMOVSD in places). kernel_fpu_begin() saves the live user state
 * into the task's buffer (it is restored on the way back to user space). */
static u64 user_xmm(int n)
{
	struct fpstate *fs;
	u64 v;

	kernel_fpu_begin();
	kernel_fpu_end();
	fs = current->thread.fpu.fpstate;
	/* XSAVE's init optimisation leaves an unused SSE state unwritten */
	if (cpu_feature_enabled(X86_FEATURE_XSAVE) && !(fs->regs.xsave.header.xfeatures & XFEATURE_MASK_SSE))
		return 0;
	memcpy(&v, &fs->regs.fxsave.xmm_space[4 * n], sizeof(v));
	return v;
}

static int get_regs(struct pt_regs *p, struct hzs_dec_regs *r)
{
	if (!user_64bit_mode(p))
		return -1;
	r->r[0] = p->ax;  r->r[1] = p->cx;  r->r[2] = p->dx;  r->r[3] = p->bx;
	r->r[4] = p->sp;  r->r[5] = p->bp;  r->r[6] = p->si;  r->r[7] = p->di;
	r->r[8] = p->r8;  r->r[9] = p->r9;  r->r[10] = p->r10; r->r[11] = p->r11;
	r->r[12] = p->r12; r->r[13] = p->r13; r->r[14] = p->r14; r->r[15] = p->r15;
	r->pc = p->ip;
	return 0;
}

static int decode(struct pt_regs *p, const struct hzs_dec_regs *r, struct hzs_dec *d, u8 *b)
{
	unsigned long avail = 15, to_page_end = PAGE_SIZE - (r->pc & ~PAGE_MASK);
	int rc;

	/* the instruction may end before the page does; the next page need
	 * not be mapped */
	if (copy_from_user_nofault(b, (const void __user *)r->pc, avail)) {
		avail = min(avail, to_page_end);
		if (copy_from_user_nofault(b, (const void __user *)r->pc, avail))
			return HZS_DEC_SHORT;
	}
	rc = hzs_decode_x86_64(b, avail, r, d);
	if (rc == HZS_DEC_OK && d->src_xmm >= 0 && d->src_xmm < 16)
		d->val[0] = user_xmm(d->src_xmm) & (d->width == 4 ? 0xffffffffull : ~0ull);
	return rc;
}

static void step(struct pt_regs *p, const struct hzs_dec *d)
{
	unsigned long *gpr[16] = { &p->ax, &p->cx, &p->dx, &p->bx, &p->sp, &p->bp, &p->si, &p->di,
		&p->r8, &p->r9, &p->r10, &p->r11, &p->r12, &p->r13, &p->r14, &p->r15 };

	if (d->ld_reg >= 0 && d->ld_reg < 16)
		*gpr[d->ld_reg] = 0;             /* XCHG: the read half is 0 */
	p->ip += d->len;
}
#elif defined(CONFIG_ARM64)
static int get_regs(struct pt_regs *p, struct hzs_dec_regs *r)
{
	int i;

	if (compat_user_mode(p))
		return -1;
	for (i = 0; i < 31; i++)
		r->r[i] = p->regs[i];
	r->r[31] = p->sp;
	r->pc = p->pc;
	return 0;
}

static int decode(struct pt_regs *p, const struct hzs_dec_regs *r, struct hzs_dec *d, u8 *b)
{
	__le32 insn;

	if (copy_from_user_nofault(&insn, (const void __user *)r->pc, 4))
		return HZS_DEC_SHORT;
	memcpy(b, &insn, 4);
	return hzs_decode_arm64(le32_to_cpu(insn), r, d);
}

static void step(struct pt_regs *p, const struct hzs_dec *d)
{
	if (d->wb == 31)
		p->sp = d->wb_val;
	else if (d->wb >= 0)
		p->regs[d->wb] = d->wb_val;
	if (d->ld_reg >= 0 && d->ld_reg < 31)
		p->regs[d->ld_reg] = 0;          /* SWP: the read half is 0 */
	p->pc += d->len;
}
#else   /* no decoder for this architecture: latch=1 would SIGBUS every doorbell */
static int get_regs(struct pt_regs *p, struct hzs_dec_regs *r)
{
	return -1;
}

static int decode(struct pt_regs *p, const struct hzs_dec_regs *r, struct hzs_dec *d, u8 *b)
{
	return HZS_DEC_UNKNOWN;
}

static void step(struct pt_regs *p, const struct hzs_dec *d)
{
}
#endif

static vm_fault_t refuse(struct hzs_queue *q, struct vm_fault *vmf, const char *why, const u8 *b,
			 unsigned long pc)
{
	q->latch.refused++;
	pr_warn_ratelimited("hisi_zip_stub: q%d: %s at %#lx (pc %#lx, bytes %*ph, pid %d %s): SIGBUS\n",
			    q->qn, why, vmf->real_address, pc, b ? 8 : 0, b, task_pid_nr(current),
			    current->comm);
	return VM_FAULT_SIGBUS;
}

/* Apply one store to the 64-bit doorbell register (shadow); true when it
 * touched the register. A store elsewhere in the page goes to no register
 * and is ignored (counted); a store that covers part of the register in an
 * unsupported way is refused. */
static int apply(struct hzs_queue *q, u64 ea, unsigned int width, u64 v, u64 db, u64 *reg)
{
	if (ea + width <= db || ea >= db + 8)
		return 0;
	if (width == 8 && ea == db) {
		*reg = v;
		return 1;
	}
	if (width == 4 && ea == db) {
		*reg = (*reg & ~0xffffffffull) | (v & 0xffffffffull);
		return 1;
	}
	if (width == 4 && ea == db + 4) {
		*reg = (*reg & 0xffffffffull) | (v << 32);
		return 1;
	}
	return -1;
}

vm_fault_t hzs_latch_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct hzs_queue *q = vma->vm_private_data;
	unsigned long page = vma->vm_start + db_page();
	u64 db = page + (db_offset() & ~PAGE_MASK), reg;
	struct pt_regs *p = task_pt_regs(current);
	struct hzs_dec_regs r;
	struct hzs_dec d;
	u8 b[16] = { 0 };
	unsigned int i;
	int rc, hit = 0;

	if (!hzs_latch || vmf->address != page || READ_ONCE(q->hd->removed))
		return VM_FAULT_SIGBUS;          /* zapped (removal) or not ours */
	if (!(vmf->flags & FAULT_FLAG_USER) || vma->vm_mm != current->mm)
		return refuse(q, vmf, "kernel or remote access to the doorbell page", NULL, 0);
	if (get_regs(p, &r))
		return refuse(q, vmf, "doorbell store from a 32-bit task (or no decoder for this architecture)", NULL, 0);
	rc = decode(p, &r, &d, b);
	if (rc == HZS_DEC_SHORT)
		return refuse(q, vmf, "instruction at pc not readable", NULL, r.pc);
	if (rc && !(vmf->flags & FAULT_FLAG_WRITE))
		return refuse(q, vmf, "load from the write-only doorbell page", b, r.pc);
	if (rc)
		return refuse(q, vmf, d.why, b, r.pc);
	/* the decoded access must be the one that faulted, inside the page */
	if (vmf->real_address < d.addr[0] || vmf->real_address >= d.addr[0] + (u64)d.n * d.width)
		return refuse(q, vmf, "decoded address is not the faulting address", b, r.pc);
	if (d.addr[0] < page || d.addr[0] + (u64)d.n * d.width > page + PAGE_SIZE)
		return refuse(q, vmf, "store crosses the doorbell page", b, r.pc);

	spin_lock(&q->latch.lock);
	reg = q->latch.reg;
	for (i = 0; i < d.n; i++) {
		rc = apply(q, d.addr[i], d.width, d.val[i], db, &reg);
		if (rc < 0) {
			spin_unlock(&q->latch.lock);
			return refuse(q, vmf, "store covers part of the doorbell register", b, r.pc);
		}
		hit |= rc;
	}
	if (!hit) {
		q->latch.ignored++;
	} else if (!q->latch.open) {
		q->latch.reg = reg;
		q->latch.dropped++;              /* queue not started: like silicon */
	} else if (q->latch.tail - q->latch.head >= HZS_LATCH_DEPTH) {
		/* FIFO full: the store is not done; the user re-executes it
		 * (and faults again) once the engine has drained. Never lost. */
		q->latch.full++;
		spin_unlock(&q->latch.lock);
		hzs_engine_kick(q);
		return VM_FAULT_NOPAGE;
	} else {
		q->latch.reg = reg;
		q->latch.ring[q->latch.tail++ % HZS_LATCH_DEPTH] = reg;
		q->latch.latched++;
	}
	spin_unlock(&q->latch.lock);
	step(p, &d);
	if (hit)
		hzs_engine_kick(q);
	return VM_FAULT_NOPAGE;
}
