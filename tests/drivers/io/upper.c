/*
 * ntt_upper: a filter, as legacy NT filters are written: it attaches a
 * device of its own above \Device\NttLower (another driver's), answers its
 * own control code, and passes everything else down: control codes
 * untouched (IoSkipCurrentIrpStackLocation), reads with a completion
 * routine that upper-cases what the device below returned.  It sends IRPs
 * of its own down too, built with IoBuild*Request.
 */
#define NTTEST_NAME "ntt_upper"
#include "nttest.h"
#include "stack.h"

typedef struct _FILTER_EXTENSION {
	PDEVICE_OBJECT Below;
	volatile LONG Passed;
} FILTER_EXTENSION, *PFILTER_EXTENSION;

static PDEVICE_OBJECT Upper;

static PFILTER_EXTENSION Ext(PDEVICE_OBJECT DeviceObject)
{
	return DeviceObject->DeviceExtension;
}

static NTSTATUS PassDown(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	InterlockedIncrement(&Ext(DeviceObject)->Passed);
	IoSkipCurrentIrpStackLocation(Irp);
	return IoCallDriver(Ext(DeviceObject)->Below, Irp);
}

static NTSTATUS ReadDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
	PUCHAR p = Irp->AssociatedIrp.SystemBuffer;
	ULONG_PTR i;

	if (Irp->PendingReturned)
		IoMarkIrpPending(Irp);
	for (i = 0; NT_SUCCESS(Irp->IoStatus.Status) && i < Irp->IoStatus.Information; i++)
		if (p[i] >= 'a' && p[i] <= 'z')
			p[i] -= 32;
	return STATUS_CONTINUE_COMPLETION;
}

static NTSTATUS FilterRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	InterlockedIncrement(&Ext(DeviceObject)->Passed);
	IoCopyCurrentIrpStackLocationToNext(Irp);
	IoSetCompletionRoutine(Irp, ReadDone, NULL, TRUE, TRUE, TRUE);
	return IoCallDriver(Ext(DeviceObject)->Below, Irp);
}

static NTSTATUS FilterControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);

	if (stack->Parameters.DeviceIoControl.IoControlCode != IOCTL_NTT_FILTERED)
		return PassDown(DeviceObject, Irp);
	if (stack->Parameters.DeviceIoControl.OutputBufferLength < 5) {
		Irp->IoStatus.Status = STATUS_BUFFER_TOO_SMALL;
		Irp->IoStatus.Information = 0;
	} else {
		RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, "upper", 5);
		Irp->IoStatus.Status = STATUS_SUCCESS;
		Irp->IoStatus.Information = 5;
	}
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Irp->IoStatus.Status;
}

static NTSTATUS AsyncDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
	*(NTSTATUS *)Context = Irp->IoStatus.Status;
	IoFreeIrp(Irp);
	return STATUS_MORE_PROCESSING_REQUIRED;
}

/* IRPs the filter builds for the device below, as drivers send their own. */
static VOID CheckBuilt(PDEVICE_OBJECT Below)
{
	LARGE_INTEGER offset = { .QuadPart = 0 };
	NTSTATUS status, async = STATUS_PENDING;
	IO_STATUS_BLOCK iosb = { .Status = STATUS_PENDING };
	UCHAR out[8] = { 0 };
	KEVENT event;
	PIRP irp;

	KeInitializeEvent(&event, NotificationEvent, FALSE);
	irp = IoBuildDeviceIoControlRequest(IOCTL_NTT_WHO, Below, NULL, 0, out, sizeof(out), FALSE,
					    &event, &iosb);
	status = irp ? IoCallDriver(Below, irp) : STATUS_INSUFFICIENT_RESOURCES;
	if (status == STATUS_PENDING)
		KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
	NTTEST("built_control_request", irp && iosb.Status == STATUS_SUCCESS &&
	       iosb.Information == 5 && RtlCompareMemory(out, "lower", 5) == 5 &&
	       KeReadStateEvent(&event));
	KeClearEvent(&event);
	RtlZeroMemory(out, sizeof(out));
	irp = IoBuildSynchronousFsdRequest(IRP_MJ_READ, Below, out, 4, &offset, &event, &iosb);
	status = irp ? IoCallDriver(Below, irp) : STATUS_INSUFFICIENT_RESOURCES;
	if (status == STATUS_PENDING)
		KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
	NTTEST("built_read_request", irp && iosb.Status == STATUS_SUCCESS &&
	       iosb.Information == 4 && RtlCompareMemory(out, "data", 4) == 4);
	irp = IoBuildAsynchronousFsdRequest(IRP_MJ_READ, Below, out, 4, &offset, NULL);
	if (irp) {
		IoSetCompletionRoutine(irp, AsyncDone, &async, TRUE, TRUE, TRUE);
		IoCallDriver(Below, irp);
	}
	NTTEST("async_request_freed_by_its_routine", irp && async == STATUS_SUCCESS);
	NTTEST("unknown_major_refused",
	       !IoBuildSynchronousFsdRequest(IRP_MJ_CREATE, Below, NULL, 0, NULL, &event, &iosb));
}

static VOID FilterUnload(PDRIVER_OBJECT DriverObject)
{
	DbgPrint("nttest-stack: %d request(s) passed down\n", Ext(Upper)->Passed);
	IoDetachDevice(Ext(Upper)->Below);
	IoDeleteDevice(Upper);
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING target = RTL_CONSTANT_STRING(L"\\Device\\NttLower");
	PDEVICE_OBJECT below = NULL, top;
	NTSTATUS status;
	ULONG i;

	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		DriverObject->MajorFunction[i] = PassDown;
	DriverObject->MajorFunction[IRP_MJ_READ] = FilterRead;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = FilterControl;
	status = IoCreateDevice(DriverObject, sizeof(FILTER_EXTENSION), NULL, FILE_DEVICE_UNKNOWN,
				0, FALSE, &Upper);
	NTTEST("filter_device_created", NT_SUCCESS(status));
	if (!NT_SUCCESS(status))
		return status;
	status = IoAttachDevice(Upper, &target, &below);
	NTTEST("attached_by_name", NT_SUCCESS(status) && below);
	if (!NT_SUCCESS(status)) {
		IoDeleteDevice(Upper);
		return status;
	}
	Ext(Upper)->Below = below;
	Upper->Flags |= below->Flags & (DO_BUFFERED_IO | DO_DIRECT_IO);
	Upper->Flags &= ~DO_DEVICE_INITIALIZING;
	NTTEST("stack_size_one_more", Upper->StackSize == below->StackSize + 1);
	NTTEST("attached_device_set", below->AttachedDevice == Upper);
	top = IoGetAttachedDeviceReference(below);
	NTTEST("top_of_stack_referenced", top == Upper);
	if (top)
		ObDereferenceObject(top);
	NTTEST("second_attach_refused", !IoAttachDeviceToDeviceStack(Upper, below));
	CheckBuilt(below);
	DriverObject->DriverUnload = FilterUnload;
	return NtTestEntryDone();
}
