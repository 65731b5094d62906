/* ntt_io: device objects, and IRPs dispatched through MajorFunction[]. */
#define NTTEST_NAME "ntt_io"
#include "nttest.h"

#define IOCTL_NTT_PING CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _EXT {
	UCHAR Bytes[200];
} EXT, *PEXT;

static PDEVICE_OBJECT Lower, Filter;
static ULONG CompletionCalls;
static PDEVICE_OBJECT CompletionDevice;
static PIO_STACK_LOCATION SeenStack;
static PDEVICE_OBJECT SeenDevice;

static NTSTATUS DispatchControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;

	if (DeviceObject == Filter) {
		/* A filter passes the request down, as layered drivers do. */
		IoCopyCurrentIrpStackLocationToNext(Irp);
		return IoCallDriver(Lower, Irp);
	}
	SeenStack = stack;
	SeenDevice = stack->DeviceObject;
	if (stack->Parameters.DeviceIoControl.IoControlCode == IOCTL_NTT_PING) {
		status = STATUS_SUCCESS;
		Irp->IoStatus.Information = 123;
	}
	Irp->IoStatus.Status = status;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return status;
}

static NTSTATUS Completion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
	CompletionCalls++;
	CompletionDevice = DeviceObject;
	UNREFERENCED_PARAMETER(Irp);
	return Context ? STATUS_MORE_PROCESSING_REQUIRED : STATUS_SUCCESS;
}

static PIRP NewControlIrp(CCHAR StackSize, ULONG Code)
{
	PIRP irp = IoAllocateIrp(StackSize, FALSE);
	PIO_STACK_LOCATION next;

	if (!irp)
		return NULL;
	next = IoGetNextIrpStackLocation(irp);
	next->MajorFunction = IRP_MJ_DEVICE_CONTROL;
	next->Parameters.DeviceIoControl.IoControlCode = Code;
	return irp;
}

static VOID CheckDevices(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING name, same, bad;
	PDEVICE_OBJECT dev, other;
	PEXT ext;
	NTSTATUS status;
	ULONG i, zero = 1;

	RtlInitUnicodeString(&name, L"\\Device\\NttIo");
	RtlInitUnicodeString(&same, L"\\DEVICE\\nttio");
	RtlInitUnicodeString(&bad, L"NoBackslash");

	status = IoCreateDevice(DriverObject, sizeof(EXT), &name, FILE_DEVICE_UNKNOWN,
				FILE_DEVICE_SECURE_OPEN, FALSE, &Lower);
	NTTEST("create_named_device", status == STATUS_SUCCESS && Lower != NULL);
	if (!NT_SUCCESS(status))
		return;
	ext = Lower->DeviceExtension;
	for (i = 0; i < sizeof(EXT); i++)
		zero &= ext->Bytes[i] == 0;
	NTTEST("extension_present_and_zeroed", ext != NULL && zero);
	NTTEST("extension_aligned", ((ULONG_PTR)ext & 15) == 0);
	NTTEST("device_fields", Lower->Type == IO_TYPE_DEVICE &&
	       Lower->DriverObject == DriverObject && Lower->StackSize == 1 &&
	       Lower->DeviceType == FILE_DEVICE_UNKNOWN &&
	       Lower->Characteristics == FILE_DEVICE_SECURE_OPEN);
	NTTEST("device_flags_initializing_and_named",
	       (Lower->Flags & DO_DEVICE_INITIALIZING) && (Lower->Flags & DO_DEVICE_HAS_NAME) &&
	       !(Lower->Flags & DO_EXCLUSIVE));
	NTTEST("driver_device_list_head", DriverObject->DeviceObject == Lower &&
	       Lower->NextDevice == NULL);

	other = (PDEVICE_OBJECT)1;
	status = IoCreateDevice(DriverObject, 0, &same, FILE_DEVICE_UNKNOWN, 0, FALSE, &other);
	NTTEST("name_collision_case_insensitive", status == STATUS_OBJECT_NAME_COLLISION &&
	       other == NULL);
	status = IoCreateDevice(DriverObject, 0, &bad, FILE_DEVICE_UNKNOWN, 0, FALSE, &other);
	NTTEST("relative_name_refused", status == STATUS_OBJECT_PATH_SYNTAX_BAD);
	status = IoCreateDevice(NULL, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &other);
	NTTEST("null_driver_object_refused", status == STATUS_INVALID_PARAMETER);

	status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_DISK, 0, TRUE, &Filter);
	NTTEST("create_unnamed_exclusive", status == STATUS_SUCCESS &&
	       (Filter->Flags & DO_EXCLUSIVE) && !(Filter->Flags & DO_DEVICE_HAS_NAME) &&
	       Filter->DeviceExtension == NULL && Filter->SectorSize == 512);
	NTTEST("driver_device_list_order", DriverObject->DeviceObject == Filter &&
	       Filter->NextDevice == Lower);

	status = IoCreateDevice(DriverObject, 8, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev);
	if (NT_SUCCESS(status)) {
		IoDeleteDevice(dev);
		NTTEST("delete_unlinks_device", DriverObject->DeviceObject == Filter);
		IoDeleteDevice(dev);
		NTTEST("delete_twice_ignored", DriverObject->DeviceObject == Filter &&
		       Filter->NextDevice == Lower);
	}
	Lower->Flags &= ~DO_DEVICE_INITIALIZING;
	Filter->Flags &= ~DO_DEVICE_INITIALIZING;
	Filter->StackSize = Lower->StackSize + 1;
}

static VOID CheckIrps(VOID)
{
	IO_STATUS_BLOCK iosb = { 0 };
	NTSTATUS status;
	PIRP irp;

	irp = NewControlIrp(1, IOCTL_NTT_PING);
	NTTEST("allocate_irp", irp != NULL && irp->StackCount == 1 && irp->CurrentLocation == 2 &&
	       irp->Type == IO_TYPE_IRP && irp->Size == IoSizeOfIrp(1));
	if (!irp)
		return;
	irp->UserIosb = &iosb;
	status = IoCallDriver(Lower, irp);
	NTTEST("dispatch_status", status == STATUS_SUCCESS);
	NTTEST("dispatch_saw_its_stack_location", SeenStack == IoGetNextIrpStackLocation(irp) &&
	       SeenDevice == Lower);
	NTTEST("completion_status_and_information", irp->IoStatus.Status == STATUS_SUCCESS &&
	       irp->IoStatus.Information == 123);
	NTTEST("completion_fills_user_iosb", iosb.Status == STATUS_SUCCESS && iosb.Information == 123);
	NTTEST("completion_unwinds_stack", irp->CurrentLocation == 2);
	IoFreeIrp(irp);

	irp = NewControlIrp(1, IOCTL_NTT_PING);
	if (irp) {
		IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_READ;
		status = IoCallDriver(Lower, irp);
		NTTEST("unset_major_function_is_invalid_request",
		       status == STATUS_INVALID_DEVICE_REQUEST &&
		       irp->IoStatus.Status == STATUS_INVALID_DEVICE_REQUEST);
		IoFreeIrp(irp);
	}

	irp = NewControlIrp(1, 0x1234);
	if (irp) {
		IoSetCompletionRoutine(irp, Completion, NULL, TRUE, TRUE, TRUE);
		CompletionCalls = 0;
		status = IoCallDriver(Lower, irp);
		NTTEST("completion_routine_on_error", status == STATUS_INVALID_DEVICE_REQUEST &&
		       CompletionCalls == 1 && CompletionDevice == NULL);
		IoFreeIrp(irp);
	}

	irp = NewControlIrp(1, IOCTL_NTT_PING);
	if (irp) {
		IoSetCompletionRoutine(irp, Completion, NULL, FALSE, TRUE, FALSE);
		CompletionCalls = 0;
		IoCallDriver(Lower, irp);
		NTTEST("completion_routine_skipped_on_success", CompletionCalls == 0);
		IoFreeIrp(irp);
	}

	/* Two layers: the filter's completion routine sees the filter device. */
	irp = NewControlIrp(2, IOCTL_NTT_PING);
	if (irp) {
		RtlZeroMemory(&iosb, sizeof(iosb));
		irp->UserIosb = &iosb;
		CompletionCalls = 0;
		status = IoCallDriver(Filter, irp);
		NTTEST("layered_dispatch", status == STATUS_SUCCESS && SeenDevice == Lower &&
		       irp->IoStatus.Information == 123 && iosb.Information == 123);
		IoFreeIrp(irp);
	}
	irp = IoAllocateIrp(2, FALSE);
	if (irp) {
		PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(irp);

		next->MajorFunction = IRP_MJ_DEVICE_CONTROL;
		next->Parameters.DeviceIoControl.IoControlCode = IOCTL_NTT_PING;
		IoSetNextIrpStackLocation(irp);
		/* Now "inside" the filter: set up the lower location by hand. */
		IoCopyCurrentIrpStackLocationToNext(irp);
		IoGetCurrentIrpStackLocation(irp)->DeviceObject = Filter;
		IoSetCompletionRoutine(irp, Completion, (PVOID)1, TRUE, TRUE, TRUE);
		RtlZeroMemory(&iosb, sizeof(iosb));
		irp->UserIosb = &iosb;
		CompletionCalls = 0;
		IoCallDriver(Lower, irp);
		NTTEST("more_processing_required_stops_completion", CompletionCalls == 1 &&
		       CompletionDevice == Filter && iosb.Information == 0 &&
		       irp->CurrentLocation == 2);
		IoFreeIrp(irp);
	}

	irp = IoAllocateIrp(0, FALSE);
	if (irp) {
		NTTEST("no_stack_location_refused", IoCallDriver(Lower, irp) == STATUS_INVALID_PARAMETER);
		IoFreeIrp(irp);
	}
	NTTEST("call_driver_null_irp_refused", IoCallDriver(Lower, NULL) == STATUS_INVALID_PARAMETER);
}

static VOID IoUnload(PDRIVER_OBJECT DriverObject)
{
	while (DriverObject->DeviceObject)
		IoDeleteDevice(DriverObject->DeviceObject);
	NtTestUnloadDone();
}

/* The PC speaker: port 0x61's gate and data bits follow HalMakeBeep. */
static VOID CheckBeep(VOID)
{
	NTTEST("beep_on", HalMakeBeep(440) && (__inbyte(0x61) & 3) == 3);
	NTTEST("beep_off", HalMakeBeep(0) && (__inbyte(0x61) & 3) == 0);
	NTTEST("beep_too_low_refused", !HalMakeBeep(10) && (__inbyte(0x61) & 3) == 0);
	NTTEST("beep_too_high_refused", !HalMakeBeep(2000000));
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	CheckBeep();
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchControl;
	DriverObject->DriverUnload = IoUnload;
	CheckDevices(DriverObject);
	if (Lower && Filter)
		CheckIrps();
	return NtTestEntryDone();
}
