// SPDX-License-Identifier: GPL-2.0
/*
 * IRQL, read off the Linux context the caller is in.
 *
 * hardirq: a device IRQL; interrupts off: HIGH_LEVEL; softirq (a DPC),
 * preemption off or a spin lock held: DISPATCH_LEVEL; otherwise PASSIVE_LEVEL.
 * Needs CONFIG_PREEMPT_COUNT (every Debian kernel has it) to see spin locks.
 */
#include "ntshim.h"
#include <linux/irqflags.h>
#include <linux/preempt.h>

/* The DIRQL an ISR runs at when no interrupt object says otherwise. */
#define NTSHIM_DEFAULT_DIRQL	(DISPATCH_LEVEL + 1)

KIRQL ntshim_current_irql(void)
{
	if (ntshim_in_hardirq() || in_nmi())
		return NTSHIM_DEFAULT_DIRQL;
	if (irqs_disabled())
		return HIGH_LEVEL;
	if (in_serving_softirq() || !preemptible())
		return DISPATCH_LEVEL;
	return PASSIVE_LEVEL;
}

KIRQL NTAPI KeGetCurrentIrql(VOID)
{
	return ntshim_current_irql();
}
NTSHIM_EXPORT(KeGetCurrentIrql);
