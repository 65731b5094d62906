// SPDX-License-Identifier: GPL-2.0
/*
 * The current thread's APC state: critical regions (normal kernel APCs
 * off), guarded regions (all APCs off), and the queries on them.  Linux
 * delivers no APCs, so a region changes nothing that runs; the depths are
 * kept (core/kthread.c) because drivers and NT's own rules test them:
 * ERESOURCE and the Unsafe fast mutex calls require a critical region.
 */
#include "ke.h"

static void region_move(int critical, int guarded, const char *fn, const void *caller)
{
	if (ntshim_kthread_regions_move(critical, guarded) == -EINVAL)
		ntshim_complain(NTC_REGION_UNBALANCED, caller, "%s without a region to leave: ignored",
				fn);
}

VOID NTAPI KeEnterCriticalRegion(VOID)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	region_move(1, 0, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeEnterCriticalRegion);

VOID NTAPI KeLeaveCriticalRegion(VOID)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	region_move(-1, 0, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeLeaveCriticalRegion);

VOID NTAPI KeEnterGuardedRegion(VOID)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	region_move(0, 1, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeEnterGuardedRegion);

VOID NTAPI KeLeaveGuardedRegion(VOID)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	region_move(0, -1, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeLeaveGuardedRegion);

/* In a critical or a guarded region. */
BOOLEAN NTAPI KeAreApcsDisabled(VOID)
{
	int critical, guarded;

	ntshim_kthread_regions(&critical, &guarded);
	return critical || guarded;
}
NTSHIM_EXPORT(KeAreApcsDisabled);

/* In a guarded region, or at APC_LEVEL or above. */
BOOLEAN NTAPI KeAreAllApcsDisabled(VOID)
{
	int critical, guarded;

	if (ntshim_current_irql() >= APC_LEVEL)
		return TRUE;
	ntshim_kthread_regions(&critical, &guarded);
	return guarded != 0;
}
NTSHIM_EXPORT(KeAreAllApcsDisabled);
