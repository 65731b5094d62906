/* ntt_port: a driver as real source trees are laid out. */
#include <ntddk.h>
#include "port_shared.h"

#ifndef NTT_PORT_VALUE
#error "DEFINES=NTT_PORT_VALUE=... was not passed"
#endif

static VOID PortUnload(PDRIVER_OBJECT DriverObject)
{
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UCHAR in[2] = { 1, 2 }, out[2];
	PVOID callback;

	DriverObject->DriverUnload = PortUnload;
	if (PortAnnotated(in, sizeof(in), out, &callback) != 2 || !callback)
		return STATUS_UNSUCCESSFUL;
	return PortHelper(NTT_PORT_VALUE) == NTT_PORT_VALUE + 2 ? STATUS_SUCCESS
								  : STATUS_UNSUCCESSFUL;
}
