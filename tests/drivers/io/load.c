/* ntt_load: what DriverEntry and DriverUnload are given, and when. */
#define NTTEST_NAME "ntt_load"
#include "nttest.h"

static PDRIVER_OBJECT EntryObject;

static BOOLEAN UnicodeIs(PCUNICODE_STRING s, PCWSTR expected)
{
	UNICODE_STRING e;

	RtlInitUnicodeString(&e, expected);
	return s && RtlEqualUnicodeString(s, &e, FALSE) &&
	       s->MaximumLength >= s->Length;
}

static VOID LoadUnload(PDRIVER_OBJECT DriverObject)
{
	NTTEST("unload_gets_same_driver_object", DriverObject == EntryObject);
	NTTEST("unload_at_passive_level", KeGetCurrentIrql() == PASSIVE_LEVEL);
	/* Leaves its second device behind on purpose: ntshim deletes it. */
	IoDeleteDevice(DriverObject->DeviceObject);
	NtTestUnloadDone();
}

static VOID CheckMajorFunctions(PDRIVER_OBJECT DriverObject)
{
	ULONG i;
	BOOLEAN same = TRUE;

	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		same &= DriverObject->MajorFunction[i] != NULL &&
			DriverObject->MajorFunction[i] == DriverObject->MajorFunction[0];
	NTTEST("major_functions_default_set", same);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	PDRIVER_EXTENSION ext = DriverObject->DriverExtension;
	PUCHAR start = DriverObject->DriverStart;
	PDEVICE_OBJECT dev;

	EntryObject = DriverObject;
	NTTEST("entry_at_passive_level", KeGetCurrentIrql() == PASSIVE_LEVEL);
	NTTEST("driver_object_type", DriverObject->Type == IO_TYPE_DRIVER &&
	       DriverObject->Size == sizeof(DRIVER_OBJECT));
	NTTEST("driver_name", UnicodeIs(&DriverObject->DriverName, L"\\Driver\\ntt_load"));
	NTTEST("registry_path", UnicodeIs(RegistryPath,
	       L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\ntt_load"));
	NTTEST("driver_extension", ext != NULL && ext->DriverObject == DriverObject &&
	       ext->AddDevice == NULL && UnicodeIs(&ext->ServiceKeyName, L"ntt_load"));
	NTTEST("hardware_database", DriverObject->HardwareDatabase != NULL &&
	       DriverObject->HardwareDatabase->Length > 0);
	NTTEST("driver_init_is_driver_entry", DriverObject->DriverInit == DriverEntry);
	NTTEST("driver_image_holds_entry", start != NULL &&
	       (PUCHAR)DriverEntry >= start && (PUCHAR)DriverEntry < start + DriverObject->DriverSize);
	NTTEST("no_devices_yet", DriverObject->DeviceObject == NULL);
	NTTEST("no_unload_yet", DriverObject->DriverUnload == NULL);
	CheckMajorFunctions(DriverObject);

	NTTEST("create_first_device", NT_SUCCESS(IoCreateDevice(DriverObject, 0, NULL,
	       FILE_DEVICE_UNKNOWN, 0, FALSE, &dev)));
	NTTEST("create_second_device", NT_SUCCESS(IoCreateDevice(DriverObject, 16, NULL,
	       FILE_DEVICE_UNKNOWN, 0, FALSE, &dev)));
	DriverObject->DriverUnload = LoadUnload;
	return NtTestEntryDone();
}
