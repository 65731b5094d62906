// SPDX-License-Identifier: GPL-2.0
/*
 * MmGetSystemRoutineAddress: drivers look up optional routines by name at
 * run time, and use them only if the system has them.  The system here is
 * ntshim: a name answers if ntshim exports a routine or variable of that
 * name (the C runtime's under its C name, the kernel's own for the string
 * routines include/crt/string.h takes from it), NULL otherwise, as NT
 * answers for a routine an older Windows lacks.  ntshim's exports are
 * looked up among the kernel's and kept only if they lie in ntshim.
 */
#include "mm.h"
#include <linux/ctype.h>
#include <linux/kallsyms.h>

#define CRT_PREFIX	"ntshim_crt_"

/* The C runtime routines drivers get from the kernel itself. */
#define KERNEL_CRT(name)	{ #name, (void *)name }
static const struct {
	const char *name;
	void *addr;
} kernel_crt[] = {
	KERNEL_CRT(memcpy), KERNEL_CRT(memmove), KERNEL_CRT(memset), KERNEL_CRT(memcmp),
	KERNEL_CRT(memchr), KERNEL_CRT(strlen), KERNEL_CRT(strnlen), KERNEL_CRT(strcpy),
	KERNEL_CRT(strncpy), KERNEL_CRT(strcat), KERNEL_CRT(strncat), KERNEL_CRT(strcmp),
	KERNEL_CRT(strncmp), KERNEL_CRT(strchr), KERNEL_CRT(strrchr), KERNEL_CRT(strstr),
	KERNEL_CRT(strspn), KERNEL_CRT(strcspn), KERNEL_CRT(strpbrk),
};

/* An export of ntshim's by name, or NULL; no reference is kept (the driver holds ntshim). */
static void *sysroutine_find(const char *name)
{
	void *addr = __symbol_get(name);
	int i;

	if (addr) {
		__symbol_put(name);
		if (within_module((unsigned long)addr, THIS_MODULE))
			return addr;
	}
	for (i = 0; i < ARRAY_SIZE(kernel_crt); i++)
		if (!strcmp(name, kernel_crt[i].name))
			return kernel_crt[i].addr;
	return NULL;
}

PVOID NTAPI MmGetSystemRoutineAddress(PUNICODE_STRING SystemRoutineName)
{
	char name[sizeof(CRT_PREFIX) + KSYM_NAME_LEN];
	char *base = name + sizeof(CRT_PREFIX) - 1;
	USHORT i, len;
	void *addr;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, NULL);
	if (!SystemRoutineName || !SystemRoutineName->Buffer) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"MmGetSystemRoutineAddress: no name");
		return NULL;
	}
	len = SystemRoutineName->Length / sizeof(WCHAR);
	if (!len || len >= KSYM_NAME_LEN)
		return NULL;
	for (i = 0; i < len; i++) {
		WCHAR c = SystemRoutineName->Buffer[i];

		/* Only C identifiers name routines. */
		if (!(isalnum(c) || c == '_') || c > 0x7f)
			return NULL;
		base[i] = (char)c;
	}
	base[len] = '\0';
	addr = sysroutine_find(base);
	if (addr)
		return addr;
	memcpy(name, CRT_PREFIX, sizeof(CRT_PREFIX) - 1);
	return sysroutine_find(name);
}
NTSHIM_EXPORT(MmGetSystemRoutineAddress);
