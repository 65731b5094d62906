/* ntt_time: system time since 1601, tick count, stall, performance counter. */
#define NTTEST_NAME "ntt_time"
#include "nttest.h"

/* 2020-01-01 and 2100-01-01 in 100 ns units since 1601-01-01. */
#define T2020 132223104000000000LL
#define T2100 157469184000000000LL

/*
 * NT counts ticks of the interrupt-time clock: read between two readings of
 * that clock, the tick count is their tick number or one between, exactly,
 * however many timer interrupts the kernel lost.
 */
static VOID CheckTicksMatchInterruptTime(ULONG inc)
{
	LARGE_INTEGER tick;
	ULONGLONG before, after;
	BOOLEAN ok = TRUE;
	int i;

	for (i = 0; i < 1000 && ok; i++) {
		before = KeQueryInterruptTime();
		KeQueryTickCount(&tick);
		after = KeQueryInterruptTime();
		ok = (ULONGLONG)tick.QuadPart >= before / inc &&
		     (ULONGLONG)tick.QuadPart <= after / inc;
		if (!ok)
			DbgPrint("nttest-info: tick count %I64d (x %lu = %I64u) outside interrupt time %I64u..%I64u\n",
				 tick.QuadPart, inc, (ULONGLONG)tick.QuadPart * inc, before, after);
	}
	NTTEST("ticks_match_interrupt_time", ok);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	LARGE_INTEGER t1, t2, tick1, tick2, freq, c1, c2;
	ULONG inc = KeQueryTimeIncrement();
	ULONGLONG i1, i2;
	LONGLONG stalled;

	UNREFERENCED_PARAMETER(RegistryPath);
	KeQuerySystemTime(&t1);
	NTTEST("system_time_is_since_1601", t1.QuadPart > T2020 && t1.QuadPart < T2100);
	NTTEST("time_increment_in_range", inc >= 10000 && inc <= 156250);
	NTTEST("time_increment_is_whole_ticks", 10000000 % inc == 0);

	KeQueryTickCount(&tick1);
	i1 = KeQueryInterruptTime();
	c1 = KeQueryPerformanceCounter(&freq);
	KeStallExecutionProcessor(20000);
	c2 = KeQueryPerformanceCounter(NULL);
	i2 = KeQueryInterruptTime();
	KeQueryTickCount(&tick2);
	KeQuerySystemTime(&t2);

	stalled = (c2.QuadPart - c1.QuadPart) * 1000000 / freq.QuadPart;
	DbgPrint("nttest-info: stall 20000 us measured %I64d us\n", stalled);
	NTTEST("performance_frequency_10mhz", freq.QuadPart == 10000000);
	NTTEST("stall_never_short", stalled >= 20000);
	NTTEST("stall_not_far_long", stalled < 2000000);
	NTTEST("interrupt_time_advances", i2 - i1 >= 200000);
	NTTEST("system_time_advances", t2.QuadPart - t1.QuadPart >= 190000);
	NTTEST("tick_count_advances", tick2.QuadPart > tick1.QuadPart);
	CheckTicksMatchInterruptTime(inc);
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
