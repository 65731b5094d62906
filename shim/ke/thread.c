// SPDX-License-Identifier: GPL-2.0
/*
 * The current thread's APC state: critical regions (normal kernel APCs
 * off), guarded regions (all APCs off), and the queries on them.  Linux
 * delivers no APCs, so a region changes nothing that runs; the depths are
 * kept (core/kthread.c) because drivers and NT's own rules test them:
 * ERESOURCE and the Unsafe fast mutex calls require a critical region.
 * And the processors the thread may run on.
 */
#include "ke.h"
#include <linux/cpumask.h>
#include <linux/sched.h>

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

/*
 * What NT asks of a thread taking an ERESOURCE, a push lock or a fast
 * mutex the Unsafe way: a critical or guarded region, or APC_LEVEL.
 */
void ntshim_expect_region(const char *fn, const void *caller)
{
	int critical, guarded;

	ntshim_kthread_regions(&critical, &guarded);
	if (!critical && !guarded && ntshim_current_irql() < APC_LEVEL)
		ntshim_complain(NTC_WRONG_CONTEXT, caller,
				"%s outside a critical region, below APC_LEVEL", fn);
}

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

/* The thread's processors, as a KAFFINITY (the first 64). */
static KAFFINITY affinity_of_current(void)
{
	KAFFINITY mask = 0;
	int cpu;

	for_each_cpu(cpu, current->cpus_ptr)
		if (cpu < BITS_PER_LONG)
			mask |= 1UL << cpu;
	return mask;
}

/* Moves the thread: false (said) if no processor named is online, or Linux refuses. */
static bool affinity_set(KAFFINITY affinity, const char *fn, const void *caller)
{
	cpumask_var_t mask;
	int cpu, err = -EINVAL;

	if (!zalloc_cpumask_var(&mask, GFP_KERNEL))
		return false;
	for_each_online_cpu(cpu)
		if (cpu < BITS_PER_LONG && (affinity & (1UL << cpu)))
			cpumask_set_cpu(cpu, mask);
	if (!cpumask_empty(mask))
		err = set_cpus_allowed_ptr(current, mask);
	free_cpumask_var(mask);
	if (err)
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"%s(0x%lx): %s: affinity unchanged", fn, (unsigned long)affinity,
				(current->flags & PF_NO_SETAFFINITY) ? "a worker thread cannot move" :
				"no such processor online");
	return !err;
}

KAFFINITY NTAPI KeSetSystemAffinityThreadEx(KAFFINITY Affinity)
{
	KAFFINITY old;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, 0);
	old = affinity_of_current();
	affinity_set(Affinity, __func__, (void *)_RET_IP_);
	return old;
}
NTSHIM_EXPORT(KeSetSystemAffinityThreadEx);

/* Zero: every processor, as a thread that never set one. */
VOID NTAPI KeRevertToUserAffinityThreadEx(KAFFINITY Affinity)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	affinity_set(Affinity ?: ntshim_active_processors(), __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeRevertToUserAffinityThreadEx);

VOID NTAPI KeSetSystemAffinityThread(KAFFINITY Affinity)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	affinity_set(Affinity, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeSetSystemAffinityThread);

/* Back to every processor: ntshim keeps no user affinity to return to. */
VOID NTAPI KeRevertToUserAffinityThread(VOID)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	affinity_set(ntshim_active_processors(), __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeRevertToUserAffinityThread);
