// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time library: the Windows version drivers ask for at run time,
 * Windows 10 version 2004, which sdkddkver.h builds for by default.
 */
#include "rtl.h"

NTSTATUS NTAPI RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation)
{
	PRTL_OSVERSIONINFOW v = lpVersionInformation;

	if (!v || v->dwOSVersionInfoSize < sizeof(RTL_OSVERSIONINFOW)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"RtlGetVersion: %s", v ? "dwOSVersionInfoSize too small" : "NULL");
		return STATUS_INVALID_PARAMETER;
	}
	v->dwMajorVersion = NTSHIM_NT_MAJOR;
	v->dwMinorVersion = NTSHIM_NT_MINOR;
	v->dwBuildNumber = NTSHIM_NT_BUILD;
	v->dwPlatformId = VER_PLATFORM_WIN32_NT;
	memset(v->szCSDVersion, 0, sizeof(v->szCSDVersion));
	if (v->dwOSVersionInfoSize >= sizeof(RTL_OSVERSIONINFOEXW)) {
		PRTL_OSVERSIONINFOEXW x = (PRTL_OSVERSIONINFOEXW)v;

		x->wServicePackMajor = 0;
		x->wServicePackMinor = 0;
		x->wSuiteMask = 0;
		x->wProductType = VER_NT_WORKSTATION;
		x->wReserved = 0;
	}
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlGetVersion);

BOOLEAN NTAPI RtlIsNtDdiVersionAvailable(ULONG Version)
{
	return Version <= WDK_NTDDI_VERSION;
}
NTSHIM_EXPORT(RtlIsNtDdiVersionAvailable);

/* Windows 10 has no service packs: only "none" of this release is installed. */
BOOLEAN NTAPI RtlIsServicePackVersionInstalled(ULONG Version)
{
	return OSVER(Version) == OSVER(WDK_NTDDI_VERSION) && !SPVER(Version);
}
NTSHIM_EXPORT(RtlIsServicePackVersionInstalled);
