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

/* slist.c: SLIST operations, any IRQL. */
void ntshim_slist_init_head(PSLIST_HEADER head);
PSLIST_ENTRY ntshim_slist_push(PSLIST_HEADER head, PSLIST_ENTRY entry);
PSLIST_ENTRY ntshim_slist_pop(PSLIST_HEADER head);
PSLIST_ENTRY ntshim_slist_flush(PSLIST_HEADER head);
USHORT ntshim_slist_depth(PSLIST_HEADER head);
int ntshim_slist_init(void);

/*
 * workitem.c: the system worker queues.  ntshim's own items (IO_WORKITEM)
 * embed a struct ntshim_work: call(w) runs at PASSIVE_LEVEL, and the item
 * counts as code of the driver that code lies in, for unload.
 */
struct ntshim_work {
	WORK_QUEUE_ITEM item;
	void (*call)(struct ntshim_work *w);
	const void *code;
};
bool ntshim_work_queue(PWORK_QUEUE_ITEM item, WORK_QUEUE_TYPE type, const void *caller);
bool ntshim_work_queue_own(struct ntshim_work *w, WORK_QUEUE_TYPE type, const void *caller);
int ntshim_work_init(void);
void ntshim_work_exit(void);

#endif /* NTSHIM_EX_H */
