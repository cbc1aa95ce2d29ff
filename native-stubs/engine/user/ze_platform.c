// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/* ze_platform.c (user space): the log level of the engine core. */
#include "ze_platform.h"

int zp_log_level = 1;
