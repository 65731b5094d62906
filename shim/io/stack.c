// SPDX-License-Identifier: GPL-2.0
/*
 * The current stack's bounds, for drivers that check how much stack is
 * left before going deeper (IoGetRemainingStackSize, inline in wdm.h) or
 * whether a buffer lives on the stack.  A thread's stack is the task's
 * kernel stack.  ISRs and DPCs may run on the processor's interrupt stack
 * instead (non-RT kernels), whose bounds the kernel does not export to
 * modules: there the limits are the page in use, the part surely there,
 * so a driver sees less room than it has, never more.
 */
#include "io.h"
#include <linux/sched/task_stack.h>

static void stack_limits(ULONG_PTR *low, ULONG_PTR *high)
{
	ULONG_PTR sp = current_stack_pointer;
	ULONG_PTR base = (ULONG_PTR)task_stack_page(current);

	if (sp >= base && sp < base + THREAD_SIZE) {
		*low = base;
		*high = base + THREAD_SIZE;
	} else {
		*low = sp & PAGE_MASK;
		*high = *low + PAGE_SIZE;
	}
}

VOID NTAPI IoGetStackLimits(PULONG_PTR LowLimit, PULONG_PTR HighLimit)
{
	stack_limits(LowLimit, HighLimit);
}
NTSHIM_EXPORT(IoGetStackLimits);

PVOID NTAPI IoGetInitialStack(VOID)
{
	ULONG_PTR low, high;

	stack_limits(&low, &high);
	return (PVOID)high;
}
NTSHIM_EXPORT(IoGetInitialStack);
