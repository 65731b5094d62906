/*
 * Code as the WDK samples write it: both annotation languages, the older
 * __drv_ forms with expressions, a notification callback defined on the
 * notification it takes, an assertion macro built on __annotation with
 * MSVC's L#x, logging macros in MSVC's preprocessor dialect, the C
 * runtime through ntstrsafe.h, and version and header-guard tests.
 */
#include <ntddk.h>
#include <ntstrsafe.h>
#include "port_shared.h"
#include "port_log.h"
#include "port_sibling.h"

#if NTDDI_VERSION < NTDDI_WIN7 || !defined(_WIN32_WINNT)
#error "NTDDI_VERSION is not a Windows 7 or later target"
#endif

/* The WDK's include guards, which headers shared with other code key on. */
#if !defined(_NTDDK_) || !defined(_WDMDDK_) || !defined(_NTDEF_)
#error "the WDK's header guards are missing"
#endif

/* MSVC pastes onto string literals and drops the comma before no arguments. */
#define PortPrint(str, ...) \
	DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "%s: "##str"\n", "ntt_port", __VA_ARGS__)

#define PORT_ASSERT(_exp) \
	((!(_exp)) ? (__annotation(L"Debug", L"AssertFail", L#_exp), \
		      DbgRaiseAssertionFailure(), FALSE) : TRUE)

typedef struct _PORT_INFO {
	UNICODE_STRING SymbolicLink;
	ULONG Count;
} PORT_INFO, *PPORT_INFO;

static DRIVER_NOTIFICATION_CALLBACK_ROUTINE PortInterfaceChange;

__drv_arg(Info->SymbolicLink.Buffer, __drv_freesMem(SymLink))
static VOID PortForget(__in __drv_freesMem(Info) PPORT_INFO Info)
{
	Info->Count = 0;
}

_Use_decl_annotations_
static NTSTATUS PortInterfaceChange(PDEVICE_INTERFACE_CHANGE_NOTIFICATION Notification,
				    PVOID Context)
{
	PPORT_INFO info = (PPORT_INFO)Context;

	if (IsEqualGUID(&Notification->Event, &Notification->InterfaceClassGuid))
		info->Count++;
	return STATUS_SUCCESS;
}

__checkReturn
_IRQL_requires_max_(PASSIVE_LEVEL)
_Success_(return != 0)
ULONG PortAnnotated(__in_bcount(Length) const UCHAR *Source, __in ULONG Length,
		    _Out_writes_bytes_(Length) PUCHAR Target,
		    __deref_out_opt PVOID *Callback)
{
	PORT_INFO info = { { 0, 0, NULL }, 0 };
	ULONG result = 0;

	*Callback = (PVOID)(PDRIVER_NOTIFICATION_CALLBACK_ROUTINE)PortInterfaceChange;
	memcpy(Target, Source, Length & (ULONG)PORT_SIBLING_MASK);
	switch (Length) {
	case 0:
		result = 1;
		__fallthrough;
	default:
		result += Length;
		break;
	}
	PORT_ASSERT(result > 0);
	PortPrint("annotated");
	PortPrint("%lu bytes", Length);
	if (!result)
		PortLogError("nothing copied");
	PortForget(&info);
	return result;
}
