/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm/: the memory manager: device memory mappings, MDLs, the paging
 * routines' bookkeeping.  What other areas may use of it.
 */
#ifndef NTSHIM_MM_H
#define NTSHIM_MM_H

#include "../core/core.h"

/* mdl.c: MDLs for the I/O manager (process context unless said). */
PMDL ntshim_mdl_alloc(PVOID address, ULONG length, const void *caller);
void ntshim_mdl_init(PMDL mdl, PVOID base, SIZE_T length);
bool ntshim_mdl_lock(PMDL mdl, LOCK_OPERATION operation);
PVOID ntshim_mdl_map(PMDL mdl);
void ntshim_mdl_unmap(PMDL mdl);
void ntshim_mdl_unlock(PMDL mdl);
void ntshim_mdl_free(PMDL mdl);
int ntshim_mdl_pages_init(void);
void ntshim_mdl_pages_exit(void);

#endif /* NTSHIM_MM_H */
