// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzs_core.c - the portable engine core (../engine) compiled into the
 * module with the kernel's ze_platform.h (this directory).
 */
#include "../engine/ze_state.c"
#include "../engine/ze_sum.c"
#include "../engine/ze_queue.c"
#include "../engine/ze_zip.c"
#include "../engine/ze_sec.c"
#include "../engine/ze_md.c"
#include "../engine/ze_hpre.c"
#include "../engine/ze_bn.c"
#include "../engine/ze_sm.c"
