/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ex/: the executive's services: pool.  What other areas may use of it.
 */
#ifndef NTSHIM_EX_H
#define NTSHIM_EX_H

#include "../core/core.h"

/* pool.c: ExAllocatePoolWithTag and ExFreePool(WithTag) for ntshim's own use. */
PVOID ntshim_pool_alloc(POOL_TYPE type, SIZE_T bytes, ULONG tag, const void *caller);
void ntshim_pool_free(PVOID p, ULONG tag, bool check_tag, const void *caller);
int ntshim_pool_init(void);
void ntshim_pool_exit(void);

#endif /* NTSHIM_EX_H */
