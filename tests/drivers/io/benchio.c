/*
 * ntt_benchio: the NT side of make bench's request round trips, written
 * as drivers are: a buffered control code completed in its dispatch
 * routine, and reads through DO_DIRECT_IO filled from a buffer of its own.
 */
#include <ntddk.h>
#include "../../bench/benchio.h"

#define BENCH_TAG	'oIbN'

static PDEVICE_OBJECT Device;
static PUCHAR Source;

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

static NTSTATUS DevCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	return Complete(Irp, STATUS_SUCCESS, 0);
}

/* METHOD_BUFFERED: the input is in the SystemBuffer, which is also the output. */
static NTSTATUS DevControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG in = stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG out = stack->Parameters.DeviceIoControl.OutputBufferLength;

	if (stack->Parameters.DeviceIoControl.IoControlCode != IOCTL_NTT_BENCH_ECHO)
		return Complete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
	return Complete(Irp, STATUS_SUCCESS, in < out ? in : out);
}

static NTSTATUS DevRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	ULONG len = IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Length;
	PVOID dst;

	if (!len)
		return Complete(Irp, STATUS_SUCCESS, 0);
	dst = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
	if (!dst)
		return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
	if (len > NTT_BENCH_READ_MAX)
		len = NTT_BENCH_READ_MAX;
	RtlCopyMemory(dst, Source, len);
	return Complete(Irp, STATUS_SUCCESS, len);
}

static VOID DevUnload(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NttBenchio");

	IoDeleteSymbolicLink(&link);
	IoDeleteDevice(Device);
	ExFreePoolWithTag(Source, BENCH_TAG);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\NttBenchio");
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NttBenchio");
	NTSTATUS status;

	Source = ExAllocatePoolWithTag(NonPagedPool, NTT_BENCH_READ_MAX, BENCH_TAG);
	if (!Source)
		return STATUS_INSUFFICIENT_RESOURCES;
	RtlFillMemory(Source, NTT_BENCH_READ_MAX, 0x5a);
	DriverObject->MajorFunction[IRP_MJ_CREATE] = DevCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = DevCreateClose;
	DriverObject->MajorFunction[IRP_MJ_READ] = DevRead;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DevControl;
	status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &Device);
	if (!NT_SUCCESS(status)) {
		ExFreePoolWithTag(Source, BENCH_TAG);
		return status;
	}
	Device->Flags |= DO_DIRECT_IO;
	status = IoCreateSymbolicLink(&link, &name);
	if (!NT_SUCCESS(status)) {
		IoDeleteDevice(Device);
		ExFreePoolWithTag(Source, BENCH_TAG);
		return status;
	}
	DriverObject->DriverUnload = DevUnload;
	return STATUS_SUCCESS;
}
