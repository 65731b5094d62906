/*
 * ntt_lower: a device a filter (ntt_upper) attaches to: it answers
 * IOCTL_NTT_WHO with "lower" and reads with "data", for programs that open
 * its link and never know a filter is there.  It counts the file objects
 * opened on it (IOCTL_NTT_OPENS) and checks at unload that each was closed.
 */
#define NTTEST_NAME "ntt_lower"
#include "nttest.h"
#include "stack.h"

static PDEVICE_OBJECT Lower;
static volatile LONG Creates, Cleanups, Closes;

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

/* Counts each, so that a file object's whole life can be checked. */
static NTSTATUS DevCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	switch (IoGetCurrentIrpStackLocation(Irp)->MajorFunction) {
	case IRP_MJ_CREATE:
		InterlockedIncrement(&Creates);
		break;
	case IRP_MJ_CLEANUP:
		InterlockedIncrement(&Cleanups);
		break;
	default:
		InterlockedIncrement(&Closes);
		break;
	}
	return Complete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS DevRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	ULONG n = IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Length;

	n = n < 4 ? n : 4;
	RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, "data", n);
	return Complete(Irp, STATUS_SUCCESS, n);
}

static NTSTATUS DevControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);

	if (stack->Parameters.DeviceIoControl.IoControlCode == IOCTL_NTT_OPENS) {
		LONG *out = Irp->AssociatedIrp.SystemBuffer;

		if (stack->Parameters.DeviceIoControl.OutputBufferLength < 3 * sizeof(LONG))
			return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
		out[0] = Creates;
		out[1] = Cleanups;
		out[2] = Closes;
		return Complete(Irp, STATUS_SUCCESS, 3 * sizeof(LONG));
	}
	/* A driver bug: ntshim refuses it, and the program's file object lives on. */
	if (stack->Parameters.DeviceIoControl.IoControlCode == IOCTL_NTT_UNREF) {
		ObDereferenceObject(stack->FileObject);
		return Complete(Irp, STATUS_SUCCESS, 0);
	}
	if (stack->Parameters.DeviceIoControl.IoControlCode != IOCTL_NTT_WHO)
		return Complete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
	if (stack->Parameters.DeviceIoControl.OutputBufferLength < 5)
		return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
	RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, "lower", 5);
	return Complete(Irp, STATUS_SUCCESS, 5);
}

static VOID DevUnload(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NttLower");

	/* Every file object opened on the device was closed, a leaked one too. */
	NTTEST("every_create_closed", Creates > 0 && Creates == Closes && Cleanups == Closes);
	IoDeleteSymbolicLink(&link);
	IoDeleteDevice(Lower);
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\NttLower");
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NttLower");
	NTSTATUS status;

	DriverObject->MajorFunction[IRP_MJ_CREATE] = DevCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLEANUP] = DevCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = DevCreateClose;
	DriverObject->MajorFunction[IRP_MJ_READ] = DevRead;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DevControl;
	status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &Lower);
	NTTEST("device_created", NT_SUCCESS(status));
	if (!NT_SUCCESS(status))
		return status;
	Lower->Flags |= DO_BUFFERED_IO;
	NTTEST("link_created", NT_SUCCESS(IoCreateSymbolicLink(&link, &name)));
	DriverObject->DriverUnload = DevUnload;
	return NtTestEntryDone();
}
