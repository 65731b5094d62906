// SPDX-License-Identifier: GPL-2.0
/*
 * Processes as drivers query them.  A Linux process is an NT process whose
 * id is its PID (the thread group id), and a thread's id is its Linux TID;
 * kernel threads, ntshim's system threads among them, make up NT's System
 * process, PsInitialSystemProcess, whose id is 4 as in NT.  Drivers hold
 * processes as opaque pointers (a process is its thread group leader) and
 * compare them, as NT drivers do with PsInitialSystemProcess.
 */
#include "ps.h"
#include "../rtl/rtl.h"
#include <linux/pid.h>
#include <linux/sched.h>

static const char ntshim_system_process[] = "System";
PEPROCESS PsInitialSystemProcess = (PEPROCESS)ntshim_system_process;
NTSHIM_EXPORT(PsInitialSystemProcess);

PEPROCESS NTAPI IoGetCurrentProcess(VOID)
{
	if (current->flags & PF_KTHREAD)
		return PsInitialSystemProcess;
	return (PEPROCESS)current->group_leader;
}
NTSHIM_EXPORT(IoGetCurrentProcess);

HANDLE NTAPI PsGetCurrentProcessId(VOID)
{
	if (current->flags & PF_KTHREAD)
		return (HANDLE)NTSHIM_SYSTEM_PROCESS_ID;
	return (HANDLE)(ULONG_PTR)task_tgid_nr(current);
}
NTSHIM_EXPORT(PsGetCurrentProcessId);

HANDLE NTAPI PsGetProcessId(PEPROCESS Process)
{
	if (Process == PsInitialSystemProcess)
		return (HANDLE)NTSHIM_SYSTEM_PROCESS_ID;
	if (!Process) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_, "PsGetProcessId: NULL process");
		return NULL;
	}
	return (HANDLE)(ULONG_PTR)task_tgid_nr((struct task_struct *)Process);
}
NTSHIM_EXPORT(PsGetProcessId);

/* A free build, not a checked one, and no service pack. */
BOOLEAN NTAPI PsGetVersion(PULONG MajorVersion, PULONG MinorVersion, PULONG BuildNumber,
			   PUNICODE_STRING CSDVersion)
{
	if (MajorVersion)
		*MajorVersion = NTSHIM_NT_MAJOR;
	if (MinorVersion)
		*MinorVersion = NTSHIM_NT_MINOR;
	if (BuildNumber)
		*BuildNumber = NTSHIM_NT_BUILD;
	if (CSDVersion) {
		CSDVersion->Length = 0;
		if (CSDVersion->Buffer && CSDVersion->MaximumLength >= sizeof(WCHAR))
			CSDVersion->Buffer[0] = UNICODE_NULL;
	}
	return FALSE;
}
NTSHIM_EXPORT(PsGetVersion);
