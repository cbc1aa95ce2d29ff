/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
#ifndef ZE_BN_H
#define ZE_BN_H
#include "ze_platform.h"
#endif
