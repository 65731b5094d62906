// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time library: NT times (100 ns units since 1601-01-01 UTC) as
 * calendar fields and as the seconds other systems count.  1601 starts a
 * 400-year Gregorian cycle, which keeps the arithmetic plain.
 */
#include "rtl.h"
#include <linux/math64.h>

#define TICKS_PER_MS		10000LL
#define TICKS_PER_SECOND	10000000LL
#define TICKS_PER_DAY		(86400 * TICKS_PER_SECOND)
#define DAYS_PER_400_YEARS	146097
#define DAYS_PER_100_YEARS	36524
#define DAYS_PER_4_YEARS	1461
/* The last year a LONGLONG of 100 ns units reaches. */
#define MAX_YEAR		30827

static bool leap_year(int year)
{
	return (!(year % 4) && (year % 100)) || !(year % 400);
}

static const u8 month_days[2][12] = {
	{ 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
	{ 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
};

/* Days from 1601-01-01 to the first of January of year. */
static s64 days_before_year(int year)
{
	s64 y = year - 1601;

	return y * 365 + y / 4 - y / 100 + y / 400;
}

VOID NTAPI RtlTimeToTimeFields(PLARGE_INTEGER Time, PTIME_FIELDS TimeFields)
{
	LONGLONG t = Time->QuadPart;
	u64 days, rest;
	u32 cycles, centuries, quads, years, leap, in_cycle;
	int month;

	if (t < 0) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"RtlTimeToTimeFields: negative time %lld: taken as 1601", t);
		t = 0;
	}
	days = div64_u64_rem(t, TICKS_PER_DAY, &rest);
	TimeFields->Weekday = (days + 1) % 7;	/* 1601-01-01 was a Monday */
	TimeFields->Milliseconds = div_u64(rest, TICKS_PER_MS) % 1000;
	rest = div_u64(rest, TICKS_PER_SECOND);
	TimeFields->Second = rest % 60;
	TimeFields->Minute = rest / 60 % 60;
	TimeFields->Hour = rest / 3600;

	cycles = div_u64_rem(days, DAYS_PER_400_YEARS, &in_cycle);
	days = in_cycle;
	centuries = min_t(u32, days / DAYS_PER_100_YEARS, 3);
	days -= centuries * DAYS_PER_100_YEARS;
	quads = days / DAYS_PER_4_YEARS;
	days -= quads * DAYS_PER_4_YEARS;
	years = min_t(u32, days / 365, 3);
	days -= years * 365;
	TimeFields->Year = 1601 + cycles * 400 + centuries * 100 + quads * 4 + years;

	leap = leap_year(TimeFields->Year);
	for (month = 0; days >= month_days[leap][month]; month++)
		days -= month_days[leap][month];
	TimeFields->Month = month + 1;
	TimeFields->Day = days + 1;
}
NTSHIM_EXPORT(RtlTimeToTimeFields);

/* FALSE, leaving Time alone, for fields out of range; Weekday is ignored. */
BOOLEAN NTAPI RtlTimeFieldsToTime(PTIME_FIELDS TimeFields, PLARGE_INTEGER Time)
{
	const TIME_FIELDS *f = TimeFields;
	s64 days;
	int m;

	if (f->Year < 1601 || f->Year > MAX_YEAR || f->Month < 1 || f->Month > 12 ||
	    f->Day < 1 || f->Day > month_days[leap_year(f->Year)][f->Month - 1] ||
	    f->Hour < 0 || f->Hour > 23 || f->Minute < 0 || f->Minute > 59 ||
	    f->Second < 0 || f->Second > 59 || f->Milliseconds < 0 || f->Milliseconds > 999)
		return FALSE;
	days = days_before_year(f->Year) + f->Day - 1;
	for (m = 0; m < f->Month - 1; m++)
		days += month_days[leap_year(f->Year)][m];
	Time->QuadPart = days * TICKS_PER_DAY +
			 ((f->Hour * 60 + f->Minute) * 60 + f->Second) * TICKS_PER_SECOND +
			 f->Milliseconds * TICKS_PER_MS;
	return TRUE;
}
NTSHIM_EXPORT(RtlTimeFieldsToTime);

/* Seconds from an epoch, FALSE when before it or past what a ULONG holds. */
static BOOLEAN time_to_seconds(LONGLONG t, int epoch_year, PULONG seconds)
{
	LONGLONG from = days_before_year(epoch_year) * TICKS_PER_DAY;
	u64 s;

	if (t < from)
		return FALSE;
	s = div_u64(t - from, TICKS_PER_SECOND);
	if (s > MAXULONG)
		return FALSE;
	*seconds = s;
	return TRUE;
}

BOOLEAN NTAPI RtlTimeToSecondsSince1970(PLARGE_INTEGER Time, PULONG ElapsedSeconds)
{
	return time_to_seconds(Time->QuadPart, 1970, ElapsedSeconds);
}
NTSHIM_EXPORT(RtlTimeToSecondsSince1970);

BOOLEAN NTAPI RtlTimeToSecondsSince1980(PLARGE_INTEGER Time, PULONG ElapsedSeconds)
{
	return time_to_seconds(Time->QuadPart, 1980, ElapsedSeconds);
}
NTSHIM_EXPORT(RtlTimeToSecondsSince1980);

VOID NTAPI RtlSecondsSince1970ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time)
{
	Time->QuadPart = days_before_year(1970) * TICKS_PER_DAY + ElapsedSeconds * TICKS_PER_SECOND;
}
NTSHIM_EXPORT(RtlSecondsSince1970ToTime);

VOID NTAPI RtlSecondsSince1980ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time)
{
	Time->QuadPart = days_before_year(1980) * TICKS_PER_DAY + ElapsedSeconds * TICKS_PER_SECOND;
}
NTSHIM_EXPORT(RtlSecondsSince1980ToTime);
