// SPDX-License-Identifier: GPL-2.0
/*
 * MmGetSystemRoutineAddress: drivers look up optional routines by name at
 * run time, and use them only if the system has them.  The system here is
 * ntshim: a name answers if ntshim exports a routine or variable of that
 * name (the C runtime's under its C name, the kernel's own for the string
 * routines include/crt/string.h takes from it), NULL otherwise, as NT
 * answers for a routine an older Windows lacks.  The symbol is looked up
 * among the kernel's exports and kept only if it is one of those.
 */
#include "mm.h"
#include <linux/ctype.h>
#include <linux/kallsyms.h>

#define CRT_PREFIX	"ntshim_crt_"

/* The C runtime routines drivers get from the kernel itself. */
static const char *const kernel_crt[] = {
	"memcpy", "memmove", "memset", "memcmp", "memchr", "strlen", "strnlen", "strcpy",
	"strncpy", "strcat", "strncat", "strcmp", "strncmp", "strchr", "strrchr", "strstr",
	"strspn", "strcspn", "strpbrk",
};

static bool sysroutine_kernel_crt(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kernel_crt); i++)
		if (!strcmp(name, kernel_crt[i]))
			return true;
	return false;
}

/* An export by name, if it is ntshim's or allowed; no reference is kept. */
static void *sysroutine_find(const char *name, bool kernel)
{
	void *addr = __symbol_get(name);

	if (!addr)
		return NULL;
	/* The driver holds ntshim, and the kernel's routines never go. */
	__symbol_put(name);
	return kernel || within_module((unsigned long)addr, THIS_MODULE) ? addr : NULL;
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
	addr = sysroutine_find(base, sysroutine_kernel_crt(base));
	if (addr)
		return addr;
	memcpy(name, CRT_PREFIX, sizeof(CRT_PREFIX) - 1);
	return sysroutine_find(name, false);
}
NTSHIM_EXPORT(MmGetSystemRoutineAddress);
