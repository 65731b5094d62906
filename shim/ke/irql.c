// SPDX-License-Identifier: GPL-2.0
/*
 * KeGetCurrentIrql, KeRaiseIrql, KeLowerIrql: NT's entry points over the
 * core's IRQL model (core/irql.c).
 */
#include "ke.h"

KIRQL NTAPI KeGetCurrentIrql(VOID)
{
	return ntshim_current_irql();
}
NTSHIM_EXPORT(KeGetCurrentIrql);

VOID NTAPI KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql)
{
	ntshim_irql_raise_checked(NewIrql, OldIrql, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeRaiseIrql);

KIRQL NTAPI KeRaiseIrqlToDpcLevel(VOID)
{
	KIRQL old;

	ntshim_irql_raise_checked(DISPATCH_LEVEL, &old, (void *)_RET_IP_);
	return old;
}
NTSHIM_EXPORT(KeRaiseIrqlToDpcLevel);

KIRQL NTAPI KeRaiseIrqlToSynchLevel(VOID)
{
	KIRQL old;

	ntshim_irql_raise_checked(SYNCH_LEVEL, &old, (void *)_RET_IP_);
	return old;
}
NTSHIM_EXPORT(KeRaiseIrqlToSynchLevel);

VOID NTAPI KeLowerIrql(KIRQL NewIrql)
{
	ntshim_irql_lower_checked(NewIrql, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeLowerIrql);
