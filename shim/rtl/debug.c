// SPDX-License-Identifier: GPL-2.0
/*
 * Debug output: DbgPrint and friends, assertions, PAGED_CODE reports.
 *
 * Format strings have their NT meaning (format.c).  Like NT, one call
 * prints at most 512 bytes.  String arguments are read without trusting
 * the pointer (a status code passed for "%s" is a classic): an unreadable
 * one prints as "(invalid)" with a complaint, never a fault.
 */
#include "rtl.h"
#include <linux/ctype.h>
#include <linux/uaccess.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/stdarg.h>

#define DBGPRINT_MAX	512

static const char *nt_level(ULONG Level)
{
	switch (Level) {
	case DPFLTR_ERROR_LEVEL:
		return KERN_ERR;
	case DPFLTR_WARNING_LEVEL:
		return KERN_WARNING;
	case DPFLTR_TRACE_LEVEL:
	case DPFLTR_INFO_LEVEL:
		return KERN_INFO;
	default:
		return KERN_DEBUG;
	}
}

/*
 * The task whose last DbgPrint left its line open: NT's debugger joins
 * output without a newline to what follows ("SIOCTL.SYS: " then the
 * message), so its next DbgPrint continues the log line.
 */
static struct task_struct *dbg_open_line;

static ULONG dbg_vprint(ULONG Level, PCCH Format, va_list arglist, const void *caller)
{
	bool cont;
	size_t n;
	char buf[DBGPRINT_MAX];
	struct ntshim_sink o = {
		.buf = buf, .cap = sizeof(buf) - 1, .hash_pointers = true,
	};

	if (!Format) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "DbgPrint: no format string");
		return STATUS_INVALID_PARAMETER;
	}
	ntshim_vformat(&o, Format, arglist);
	buf[min(o.len, sizeof(buf) - 1)] = '\0';
	if (o.bad)
		ntshim_complain(NTC_BAD_STRING, caller,
				"DbgPrint: a string argument is not readable: printed as (invalid)");
	n = strlen(buf);
	if (!n)
		return STATUS_SUCCESS;
	cont = READ_ONCE(dbg_open_line) == current;
	WRITE_ONCE(dbg_open_line, buf[n - 1] == '\n' ? NULL : current);
	if (cont)
		pr_cont("%s", buf);
	else
		printk("%s%s", nt_level(Level), buf);
	return STATUS_SUCCESS;
}

ULONG vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, va_list arglist)
{
	return dbg_vprint(Level, Format, arglist, (void *)_RET_IP_);
}
NTSHIM_EXPORT(vDbgPrintEx);

ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
	va_list ap;
	ULONG ret;

	va_start(ap, Format);
	ret = dbg_vprint(Level, Format, ap, (void *)_RET_IP_);
	va_end(ap);
	return ret;
}
NTSHIM_EXPORT(DbgPrintEx);

ULONG DbgPrint(PCSTR Format, ...)
{
	va_list ap;
	ULONG ret;

	va_start(ap, Format);
	ret = dbg_vprint(DPFLTR_INFO_LEVEL, Format, ap, (void *)_RET_IP_);
	va_end(ap);
	return ret;
}
NTSHIM_EXPORT(DbgPrint);

/* No debugger to break into: say where, and carry on. */
VOID NTAPI DbgBreakPoint(VOID)
{
	ntshim_complain(NTC_BREAKPOINT, (void *)_RET_IP_, "DbgBreakPoint, no debugger attached");
}
NTSHIM_EXPORT(DbgBreakPoint);

VOID NTAPI RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName,
		     ULONG LineNumber, PSTR MutableMessage)
{
	ntshim_complain(NTC_ASSERT_FAILED, (void *)_RET_IP_, "ASSERT failed: %s%s%s at %s:%u",
			MutableMessage ? (char *)MutableMessage : "", MutableMessage ? ": " : "",
			(char *)VoidFailedAssertion, (char *)VoidFileName, LineNumber);
}
NTSHIM_EXPORT(RtlAssert);

VOID __ntshim_paged_code_violation(PCSTR File, ULONG Line)
{
	ntshim_complain(NTC_PAGED_CODE, (void *)_RET_IP_,
			"PAGED_CODE() at %s:%u reached at IRQL %u, above APC_LEVEL",
			File, Line, ntshim_current_irql());
}
NTSHIM_EXPORT(__ntshim_paged_code_violation);
