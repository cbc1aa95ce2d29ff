// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_state_test.c - unit test of the shared queue state machine
 * (ze_state.c). The expected table is written from the uacce description
 * (hisi-zip-uacce.md section 1.4, "Queue states and what each call does",
 * and its era list; docs/kmod.md "Kernel eras"), not from the code: every
 * (era, state, event) triple is checked, then ze_qstate_apply() against
 * counting primitives, including a START whose engine start fails.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>

#include "ze_state.h"
#include "ze_check.h"

#define Z ZE_Q_ZOMBIE
#define I ZE_Q_INIT
#define S ZE_Q_STARTED
#define STOP ZE_QACT_STOP
#define PUT ZE_QACT_PUT_QP
#define GO ZE_QACT_START
#define NOEV ZE_QACT_NO_EVENTS

struct want { int err; unsigned int act; enum ze_qstate next; };

/* [era][state][event]: state index = uacce value (ZOMBIE 0, INIT 1, STARTED 2). */
static const struct want table[3][3][ZE_EV_COUNT] = {
	[ZE_ERA_A] = {
		/*        START          PUT            IOCTL       SS_DMA        MMAP          MREMAP      POLL        SS_UNMAP    RELEASE          REMOVE */
		[Z] = { { -EINVAL, 0, Z }, { 0, 0, Z }, { 0, 0, Z }, { -EINVAL, 0, Z }, { -EINVAL, 0, Z }, { 0, 0, Z }, { 0, 0, Z }, { 0, 0, Z }, { 0, 0, Z }, { 0, 0, Z } },
		[I] = { { 0, GO, S }, { 0, PUT, Z }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, PUT, Z }, { 0, PUT, Z } },
		[S] = { { -EINVAL, 0, S }, { 0, STOP | PUT, Z }, { 0, 0, S }, { 0, 0, S }, { 0, 0, S }, { 0, 0, S }, { 0, 0, S }, { 0, STOP, I }, { 0, STOP | PUT, Z }, { 0, STOP | PUT, Z } },
	},
	[ZE_ERA_B] = {
		[Z] = { { -ENXIO, 0, Z }, { -ENXIO, 0, Z }, { -ENXIO, 0, Z }, { -ENXIO, 0, Z }, { -ENXIO, 0, Z }, { 0, 0, Z }, { 0, NOEV, Z }, { 0, 0, Z }, { 0, 0, Z }, { 0, 0, Z } },
		[I] = { { 0, GO, S }, { 0, PUT, Z }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, PUT, Z }, { 0, PUT, Z } },
		[S] = { { -EINVAL, 0, S }, { 0, STOP | PUT, Z }, { 0, 0, S }, { 0, 0, S }, { 0, 0, S }, { 0, 0, S }, { 0, 0, S }, { 0, STOP, I }, { 0, STOP | PUT, Z }, { 0, STOP | PUT, Z } },
	},
	[ZE_ERA_C] = {
		[Z] = { { -ENXIO, 0, Z }, { -ENXIO, 0, Z }, { -ENXIO, 0, Z }, { -ENXIO, 0, Z }, { -ENXIO, 0, Z }, { -EPERM, 0, Z }, { 0, NOEV, Z }, { 0, 0, Z }, { 0, 0, Z }, { 0, 0, Z } },
		[I] = { { 0, GO, S }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, 0, I }, { -EPERM, 0, I }, { 0, 0, I }, { 0, 0, I }, { 0, PUT, Z }, { 0, PUT, Z } },
		[S] = { { -EINVAL, 0, S }, { 0, STOP, I }, { 0, 0, S }, { 0, 0, S }, { 0, 0, S }, { -EPERM, 0, S }, { 0, 0, S }, { 0, STOP, I }, { 0, STOP | PUT, Z }, { 0, STOP | PUT, Z } },
	},
};

static void t_table(void)
{
	int era, s, ev;

	CHECK(ZE_EPERM == -EPERM && ZE_ENXIO == -ENXIO && ZE_EINVAL == -EINVAL, "errno values");
	for (era = 0; era < 3; era++)
		for (s = 0; s < 3; s++)
			for (ev = 0; ev < ZE_EV_COUNT; ev++) {
				const struct want *w = &table[era][s][ev];
				struct ze_qstep g = ze_qstate_step(era, s, ev);

				CHECK(g.err == w->err && g.act == w->act && g.next == w->next,
				      "era %c %s %s: got err %d act 0x%x -> %s, want err %d act 0x%x -> %s",
				      'A' + era, ze_qstate_name(s), ze_qevent_name(ev), g.err, g.act,
				      ze_qstate_name(g.next), w->err, w->act, ze_qstate_name(w->next));
			}
	CHECK(ze_qstate_step(ZE_ERA_B, I, ZE_EV_COUNT).err == -EINVAL, "unknown event");
}

/* Counting primitives; calls are recorded in order as letters. */
struct owner { char log[16]; int n, start_ret; };

static void rec(struct owner *o, char c)
{
	if (o->n < (int)sizeof(o->log) - 1)
		o->log[o->n++] = c;
	o->log[o->n] = 0;
}

static int o_start(void *p) { rec(p, 'g'); return ((struct owner *)p)->start_ret; }
static void o_stop(void *p) { rec(p, 's'); }
static void o_put(void *p) { rec(p, 'p'); }

static const struct ze_qstate_ops ops = { o_start, o_stop, o_put };

static void t_apply(void)
{
	struct owner o;
	enum ze_qstate st = I;

	memset(&o, 0, sizeof(o));
	o.start_ret = -ENOMEM;       /* engine start fails: the queue stays INIT */
	CHECK(ze_qstate_apply(ZE_ERA_B, &st, ZE_EV_START, &ops, &o) == -ENOMEM && st == I &&
	      !strcmp(o.log, "g"), "failed start: %s %s", ze_qstate_name(st), o.log);
	o.start_ret = 0;
	CHECK(ze_qstate_apply(ZE_ERA_B, &st, ZE_EV_START, &ops, &o) == 0 && st == S, "start");
	CHECK(ze_qstate_apply(ZE_ERA_B, &st, ZE_EV_START, &ops, &o) == -EINVAL && st == S, "start twice");
	CHECK(ze_qstate_apply(ZE_ERA_B, &st, ZE_EV_PUT, &ops, &o) == 0 && st == Z, "put");
	CHECK(!strcmp(o.log, "ggsp"), "order: start, start, stop, put (%s)", o.log);
	CHECK(ze_qstate_apply(ZE_ERA_B, &st, ZE_EV_POLL, &ops, &o) == 1, "poll on ZOMBIE: no events");
	CHECK(ze_qstate_apply(ZE_ERA_B, &st, ZE_EV_RELEASE, &ops, &o) == 0 && !strcmp(o.log, "ggsp"),
	      "release of a ZOMBIE does nothing (%s)", o.log);

	/* era C: PUT_Q stops, START_Q again, release gives the queue back once */
	memset(&o, 0, sizeof(o));
	st = I;
	CHECK(ze_qstate_apply(ZE_ERA_C, &st, ZE_EV_START, &ops, &o) == 0 && st == S, "C start");
	CHECK(ze_qstate_apply(ZE_ERA_C, &st, ZE_EV_PUT, &ops, &o) == 0 && st == I, "C put");
	CHECK(ze_qstate_apply(ZE_ERA_C, &st, ZE_EV_PUT, &ops, &o) == 0 && st == I, "C put again");
	CHECK(ze_qstate_apply(ZE_ERA_C, &st, ZE_EV_START, &ops, &o) == 0 && st == S, "C restart");
	CHECK(ze_qstate_apply(ZE_ERA_C, &st, ZE_EV_RELEASE, &ops, &o) == 0 && st == Z, "C release");
	CHECK(!strcmp(o.log, "gsgsp"), "era C order (%s)", o.log);
}

int main(void)
{
	t_table();
	t_apply();
	printf("ze_state_test: %d checks, %d failures\n", checks, fails);
	return fails ? 1 : 0;
}
