/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm/: the memory manager: device memory mappings and the paging routines'
 * bookkeeping.  Nothing in it is used by other areas yet.
 */
#ifndef NTSHIM_MM_H
#define NTSHIM_MM_H

#include "../core/core.h"

#endif /* NTSHIM_MM_H */
