/*
 * ntt_upper: a filter, as legacy NT filters are written: it attaches a
 * device of its own above \Device\NttLower (another driver's), answers its
 * own control code, and passes everything else down: control codes
 * untouched (IoSkipCurrentIrpStackLocation), reads with a completion
 * routine that upper-cases what the device below returned.  It sends IRPs
 * of its own down too, built with IoBuild*Request, and opens the device
 * below by name with IoGetDeviceObjectPointer, keeping one file object
 * reference it never drops (ntshim drops it at unload, with a complaint).
 */
#define NTTEST_NAME "ntt_upper"
#include "nttest.h"
#include "stack.h"

typedef struct _FILTER_EXTENSION {
	PDEVICE_OBJECT Below;
	volatile LONG Passed;
} FILTER_EXTENSION, *PFILTER_EXTENSION;

static PDEVICE_OBJECT Upper;
static PFILE_OBJECT Kept;	/* never dereferenced: ntshim drops it at unload */

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

/* The device below's counts of creates, cleanups and closes, asked through File. */
static VOID Opens(PDEVICE_OBJECT Device, PFILE_OBJECT File, LONG *Counts)
{
	IO_STATUS_BLOCK iosb = { .Status = STATUS_PENDING };
	KEVENT event;
	PIRP irp;

	Counts[0] = Counts[1] = Counts[2] = -1;
	KeInitializeEvent(&event, NotificationEvent, FALSE);
	irp = IoBuildDeviceIoControlRequest(IOCTL_NTT_OPENS, Device, NULL, 0, Counts,
					    3 * sizeof(LONG), FALSE, &event, &iosb);
	if (!irp)
		return;
	IoGetNextIrpStackLocation(irp)->FileObject = File;
	if (IoCallDriver(Device, irp) == STATUS_PENDING)
		KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
}

/* The device below found by name, as NT drivers find another's: a file object on it. */
static VOID CheckDeviceObjectPointer(VOID)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\NttLower");
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NttLower");
	UNICODE_STRING none = RTL_CONSTANT_STRING(L"\\Device\\NttNoSuchDevice");
	PFILE_OBJECT file, other;
	PDEVICE_OBJECT device, again;
	LONG before[3], after[3];
	NTSTATUS status;

	status = IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &file, &device);
	NTTEST("device_object_pointer", NT_SUCCESS(status) && file && device &&
	       file->DeviceObject == device && file->Type == IO_TYPE_FILE);
	if (!NT_SUCCESS(status))
		return;
	Opens(device, file, before);
	/* Created, and cleaned up already: NT closes the handle it opened. */
	NTTEST("created_and_cleaned_up", before[0] >= 1 && before[1] == before[0] &&
	       before[2] == before[0] - 1);
	ObReferenceObject(file);
	ObDereferenceObject(file);
	Opens(device, file, after);
	NTTEST("extra_reference_no_close", after[2] == before[2]);
	ObDereferenceObject(file);
	status = IoGetDeviceObjectPointer(&link, FILE_READ_DATA, &other, &again);
	NTTEST("found_by_dos_link", NT_SUCCESS(status) && again == device);
	if (!NT_SUCCESS(status))
		return;
	Opens(device, other, after);
	NTTEST("last_dereference_closed", after[0] == before[0] + 1 && after[1] == after[0] &&
	       after[2] == before[0]);
	Kept = other;
	NTTEST("missing_name_not_found", IoGetDeviceObjectPointer(&none, FILE_READ_DATA, &file,
	       &device) == STATUS_OBJECT_NAME_NOT_FOUND);
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
	CheckDeviceObjectPointer();
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
