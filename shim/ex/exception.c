// SPDX-License-Identifier: GPL-2.0
/*
 * Raising exceptions, and the probes of a requester's buffers that raise
 * them (rtl/exception.c takes them to the driver's __try).
 *
 * ntshim never hands a driver a user address: a neither-mode request's
 * buffers are kernel copies (io/file.c).  The probes accept exactly those
 * while the request is in the driver's hands, where NT accepts any
 * address below MmUserProbeAddress; any other address raises
 * STATUS_ACCESS_VIOLATION, as a kernel address does in NT.  So a pointer
 * a program embeds in its buffer (one a driver would read in place, under
 * __try, in NT) fails its probe here, and the driver's handler fails the
 * request: the one place a driver can see a difference.
 */
#include "ex.h"
#include "../rtl/rtl.h"

VOID NTAPI ExRaiseStatus(NTSTATUS Status)
{
	ntshim_seh_raise(Status, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExRaiseStatus);

VOID NTAPI ExRaiseAccessViolation(VOID)
{
	ntshim_seh_raise(STATUS_ACCESS_VIOLATION, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExRaiseAccessViolation);

VOID NTAPI ExRaiseDatatypeMisalignment(VOID)
{
	ntshim_seh_raise(STATUS_DATATYPE_MISALIGNMENT, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExRaiseDatatypeMisalignment);

static void probe(const volatile void *address, SIZE_T length, ULONG alignment,
		  const void *caller)
{
	ULONG_PTR start = (ULONG_PTR)address;

	if (!length)
		return;
	if (alignment != 1 && alignment != 2 && alignment != 4 && alignment != 8 &&
	    alignment != 16) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"probe with alignment %u (1, 2, 4, 8 or 16): taken as 1", alignment);
		alignment = 1;
	}
	if (start & (alignment - 1))
		ntshim_seh_raise(STATUS_DATATYPE_MISALIGNMENT, caller);
	else if (start + length < start || !ntshim_seh_window((const void *)start, length))
		ntshim_seh_raise(STATUS_ACCESS_VIOLATION, caller);
}

VOID NTAPI ProbeForRead(const volatile VOID *Address, SIZE_T Length, ULONG Alignment)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	probe(Address, Length, Alignment, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ProbeForRead);

/* The buffers probes accept are writable kernel copies: nothing to touch. */
VOID NTAPI ProbeForWrite(volatile VOID *Address, SIZE_T Length, ULONG Alignment)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	probe(Address, Length, Alignment, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ProbeForWrite);
