/* A source in a subfolder, built with the rest. */
#include <ntddk.h>
#include <stdio.h>
#include "port_shared.h"

ULONG PortHelper(ULONG Value)
{
	char buf[16];

	__try {
		Value += (ULONG)(PORT_BIG >> 32);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		Value = 0;
	}
	return Value + (ULONG)_snprintf(buf, sizeof(buf), "%I64u", 7ui64);
}
