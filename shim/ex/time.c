// SPDX-License-Identifier: GPL-2.0
/*
 * System time and local time.  The local time zone is the kernel's (the
 * offset settimeofday() gave it, as hwclock and systemd set it at boot;
 * UTC when nothing did).
 */
#include "ex.h"
#include <linux/time.h>

#define TICKS_PER_MINUTE	(60 * 10000000LL)

VOID NTAPI ExSystemTimeToLocalTime(PLARGE_INTEGER SystemTime, PLARGE_INTEGER LocalTime)
{
	LocalTime->QuadPart = SystemTime->QuadPart - sys_tz.tz_minuteswest * TICKS_PER_MINUTE;
}
NTSHIM_EXPORT(ExSystemTimeToLocalTime);

VOID NTAPI ExLocalTimeToSystemTime(PLARGE_INTEGER LocalTime, PLARGE_INTEGER SystemTime)
{
	SystemTime->QuadPart = LocalTime->QuadPart + sys_tz.tz_minuteswest * TICKS_PER_MINUTE;
}
NTSHIM_EXPORT(ExLocalTimeToSystemTime);
