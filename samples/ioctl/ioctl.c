/*
 * ioctl: a driver in the classic NT shape that programs talk to: a named
 * device with a \DosDevices link, create and close, buffered read and
 * write of a message, and one control code for each transfer method.
 * samples/ioctl/ioctlapp.c drives it from Linux.
 */
#include <ntddk.h>
#include "ioctl.h"

#define MESSAGE_MAX 256

static UCHAR Message[MESSAGE_MAX] = "nothing written yet";
static ULONG MessageLength = 19;

static DRIVER_UNLOAD IoctlUnload;
static DRIVER_DISPATCH IoctlCreateClose, IoctlRead, IoctlWrite, IoctlControl;

static NTSTATUS Finish(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

static NTSTATUS IoctlCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);

	DbgPrint("ioctl: %s\n", stack->MajorFunction == IRP_MJ_CREATE ? "create" : "close");
	return Finish(Irp, STATUS_SUCCESS, 0);
}

/* DO_BUFFERED_IO: the message goes through Irp->AssociatedIrp.SystemBuffer. */
static NTSTATUS IoctlRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	ULONG length = IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Length;

	length = min(length, MessageLength);
	RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, Message, length);
	DbgPrint("ioctl: read %lu bytes\n", length);
	return Finish(Irp, STATUS_SUCCESS, length);
}

static NTSTATUS IoctlWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	ULONG length = IoGetCurrentIrpStackLocation(Irp)->Parameters.Write.Length;

	if (length > MESSAGE_MAX)
		return Finish(Irp, STATUS_BUFFER_TOO_SMALL, 0);
	RtlCopyMemory(Message, Irp->AssociatedIrp.SystemBuffer, length);
	MessageLength = length;
	DbgPrint("ioctl: wrote %lu bytes\n", length);
	return Finish(Irp, STATUS_SUCCESS, length);
}

static NTSTATUS IoctlControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG in = stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG out = stack->Parameters.DeviceIoControl.OutputBufferLength;
	PUCHAR system = Irp->AssociatedIrp.SystemBuffer, buffer, input;
	ULONG i, sum = 0;

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_SAMPLE_BUFFERED:
		/* Input and output share the SystemBuffer: upper-case it in place. */
		for (i = 0; i < in && i < out; i++)
			if (system[i] >= 'a' && system[i] <= 'z')
				system[i] -= 'a' - 'A';
		DbgPrint("ioctl: METHOD_BUFFERED, %lu bytes upper-cased\n", i);
		return Finish(Irp, STATUS_SUCCESS, i);
	case IOCTL_SAMPLE_IN_DIRECT:
		/* The caller's "output" buffer is data for the device, in an MDL. */
		buffer = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
		if (!buffer || out < 1)
			return Finish(Irp, STATUS_INVALID_PARAMETER, 0);
		for (i = 0; i < out; i++)
			sum += buffer[i];
		DbgPrint("ioctl: METHOD_IN_DIRECT, %lu bytes sum to %lu\n", out, sum);
		return Finish(Irp, STATUS_SUCCESS, out);
	case IOCTL_SAMPLE_OUT_DIRECT:
		buffer = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
		if (!buffer)
			return Finish(Irp, STATUS_INVALID_PARAMETER, 0);
		i = min(out, MessageLength);
		RtlCopyMemory(buffer, Message, i);
		DbgPrint("ioctl: METHOD_OUT_DIRECT, %lu bytes of the message\n", i);
		return Finish(Irp, STATUS_SUCCESS, i);
	case IOCTL_SAMPLE_NEITHER:
		/* The raw buffers: the input reversed into the output. */
		input = stack->Parameters.DeviceIoControl.Type3InputBuffer;
		buffer = Irp->UserBuffer;
		if (!input || !buffer)
			return Finish(Irp, STATUS_INVALID_PARAMETER, 0);
		for (i = 0; i < in && i < out; i++)
			buffer[i] = input[in - 1 - i];
		DbgPrint("ioctl: METHOD_NEITHER, %lu bytes reversed\n", i);
		return Finish(Irp, STATUS_SUCCESS, i);
	}
	return Finish(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
}

static VOID IoctlUnload(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NtIoctl");

	IoDeleteSymbolicLink(&link);
	IoDeleteDevice(DriverObject->DeviceObject);
	DbgPrint("ioctl: unloaded\n");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\NtIoctl");
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NtIoctl");
	PDEVICE_OBJECT device;
	NTSTATUS status;

	status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
	if (!NT_SUCCESS(status))
		return status;
	device->Flags |= DO_BUFFERED_IO;
	status = IoCreateSymbolicLink(&link, &name);
	if (!NT_SUCCESS(status)) {
		IoDeleteDevice(device);
		return status;
	}
	DriverObject->MajorFunction[IRP_MJ_CREATE] = IoctlCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = IoctlCreateClose;
	DriverObject->MajorFunction[IRP_MJ_READ] = IoctlRead;
	DriverObject->MajorFunction[IRP_MJ_WRITE] = IoctlWrite;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = IoctlControl;
	DriverObject->DriverUnload = IoctlUnload;
	device->Flags &= ~DO_DEVICE_INITIALIZING;
	DbgPrint("ioctl: \\Device\\NtIoctl is \\DosDevices\\NtIoctl\n");
	return STATUS_SUCCESS;
}
