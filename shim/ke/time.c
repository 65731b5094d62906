// SPDX-License-Identifier: GPL-2.0
/*
 * Time: NT's clocks in 100 ns units, system time counted from 1601-01-01 UTC.
 */
#include "ke.h"
#include <linux/math64.h>
#include <linux/timekeeping.h>

/* 100 ns intervals between 1601-01-01 and 1970-01-01. */
#define NT_EPOCH_OFFSET		116444736000000000LL
#define NT_UNITS_PER_SEC	10000000ULL

LONGLONG ntshim_system_time(void)
{
	return div_u64(ktime_get_real_ns(), 100) + NT_EPOCH_OFFSET;
}

/*
 * An NT due time: negative, relative (on the monotonic clock); positive,
 * absolute system time (on the real-time clock, so it follows changes of
 * the wall clock).
 */
void ntshim_nt_time_to_ktime(LONGLONG t, ktime_t *expires, clockid_t *clock)
{
	if (t < 0) {
		/* Unsigned: -LLONG_MIN, the farthest future, does not overflow. */
		u64 rel = -(u64)t;

		*clock = CLOCK_MONOTONIC;
		*expires = ktime_add_safe(ktime_get(),
					  rel > KTIME_MAX / 100 ? KTIME_MAX : ns_to_ktime(rel * 100));
	} else {
		*clock = CLOCK_REALTIME;
		*expires = t > NT_EPOCH_OFFSET ? ns_to_ktime((t - NT_EPOCH_OFFSET) * 100) : 0;
	}
}

VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
	CurrentTime->QuadPart = ntshim_system_time();
}
NTSHIM_EXPORT(KeQuerySystemTime);

ULONGLONG NTAPI KeQueryInterruptTime(VOID)
{
	return div_u64(ktime_get_ns(), 100);
}
NTSHIM_EXPORT(KeQueryInterruptTime);

/* One tick of KeQueryTickCount, in 100 ns: the kernel's tick length. */
ULONG NTAPI KeQueryTimeIncrement(VOID)
{
	return NT_UNITS_PER_SEC / HZ;
}
NTSHIM_EXPORT(KeQueryTimeIncrement);

/*
 * Whole ticks of interrupt time, as NT derives both from one clock.  Not
 * jiffies: a kernel that loses timer interrupts (a busy virtual machine)
 * lets jiffies fall behind the monotonic clock.
 */
VOID NTAPI KeQueryTickCount(PLARGE_INTEGER TickCount)
{
	TickCount->QuadPart = div_u64(div_u64(ktime_get_ns(), 100), NT_UNITS_PER_SEC / HZ);
}
NTSHIM_EXPORT(KeQueryTickCount);

/* A 10 MHz counter, as on current NT systems. */
LARGE_INTEGER NTAPI KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency)
{
	LARGE_INTEGER now;

	if (PerformanceFrequency)
		PerformanceFrequency->QuadPart = NT_UNITS_PER_SEC;
	now.QuadPart = div_u64(ktime_get_ns(), 100);
	return now;
}
NTSHIM_EXPORT(KeQueryPerformanceCounter);

/*
 * A busy wait, callable at any IRQL.  NT promises at least the time asked
 * for, so it polls the monotonic clock rather than trust udelay()'s loop
 * calibration (which virtual machines get wrong).
 */
VOID NTAPI KeStallExecutionProcessor(ULONG MicroSeconds)
{
	u64 end = ktime_get_ns() + (u64)MicroSeconds * NSEC_PER_USEC;

	while (ktime_get_ns() < end)
		cpu_relax();
}
NTSHIM_EXPORT(KeStallExecutionProcessor);
