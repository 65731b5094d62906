/*
 * ntt_devio: an NT driver that programs drive from /dev/nt (the program is
 * tests/user/ntt_devio.c): symbolic links as nodes with their device's
 * security, create/cleanup/close with per-handle context, buffered and
 * neither-mode reads and writes at an offset, METHOD_BUFFERED and
 * METHOD_NEITHER control codes, access bits, STATUS_BUFFER_OVERFLOW, a
 * driver that reports too many bytes, an exclusive device, and a device
 * no program may open; direct I/O and the direct methods through MDLs, and
 * the MDL routines on the driver's own memory.
 */
#define NTTEST_NAME "ntt_devio"
#include "nttest.h"
#include <wdmsec.h>
#include "devio.h"

#define STORE_SIZE 4096

typedef struct _HANDLE_CONTEXT {
	ACCESS_MASK Access;
	ULONG Requests;
} HANDLE_CONTEXT;

static PDEVICE_OBJECT Buffered, Raw, Kernel, Direct, Late;
static UCHAR Store[3][STORE_SIZE];
static ULONG StoreLength[3];
static NTT_DEVIO_STATS Stats;

static ULONG Which(PDEVICE_OBJECT DeviceObject)
{
	return DeviceObject == Raw ? 1 : DeviceObject == Direct ? 2 : 0;
}

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

static NTSTATUS DevCreate(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	HANDLE_CONTEXT *ctx = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*ctx), 'cHtN');

	if (!ctx)
		return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
	ctx->Access = stack->Parameters.Create.SecurityContext->DesiredAccess;
	stack->FileObject->FsContext = ctx;
	InterlockedIncrement(&Stats.Creates);
	return Complete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS DevCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	InterlockedIncrement(&Stats.Cleanups);
	return Complete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS DevClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PFILE_OBJECT file = IoGetCurrentIrpStackLocation(Irp)->FileObject;

	ExFreePoolWithTag(file->FsContext, 'cHtN');
	file->FsContext = NULL;
	InterlockedIncrement(&Stats.Closes);
	return Complete(Irp, STATUS_SUCCESS, 0);
}

/*
 * Buffered devices read through SystemBuffer, direct ones through the
 * MDL's system address, neither-mode ones UserBuffer.
 */
static PUCHAR Buffer(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	if (DeviceObject->Flags & DO_DIRECT_IO)
		return Irp->MdlAddress ?
		       MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority) : NULL;
	return (DeviceObject->Flags & DO_BUFFERED_IO) ? Irp->AssociatedIrp.SystemBuffer :
							Irp->UserBuffer;
}

static NTSTATUS DevRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	LONGLONG offset = stack->Parameters.Read.ByteOffset.QuadPart;
	ULONG n, w = Which(DeviceObject);

	((HANDLE_CONTEXT *)stack->FileObject->FsContext)->Requests++;
	if (offset < 0 || offset >= StoreLength[w])
		return Complete(Irp, STATUS_END_OF_FILE, 0);
	n = min(stack->Parameters.Read.Length, StoreLength[w] - (ULONG)offset);
	if (!n || !Buffer(DeviceObject, Irp))
		return Complete(Irp, n ? STATUS_INSUFFICIENT_RESOURCES : STATUS_SUCCESS, 0);
	RtlCopyMemory(Buffer(DeviceObject, Irp), Store[w] + offset, n);
	return Complete(Irp, STATUS_SUCCESS, n);
}

static NTSTATUS DevWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	LONGLONG offset = stack->Parameters.Write.ByteOffset.QuadPart;
	ULONG n = stack->Parameters.Write.Length, w = Which(DeviceObject);

	if (offset < 0 || offset + n > STORE_SIZE)
		return Complete(Irp, STATUS_DISK_FULL, 0);
	if (!n || !Buffer(DeviceObject, Irp))
		return Complete(Irp, n ? STATUS_INSUFFICIENT_RESOURCES : STATUS_SUCCESS, 0);
	RtlCopyMemory(Store[w] + offset, Buffer(DeviceObject, Irp), n);
	StoreLength[w] = max(StoreLength[w], (ULONG)offset + n);
	return Complete(Irp, STATUS_SUCCESS, n);
}

static NTSTATUS DevFlush(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	InterlockedIncrement(&Stats.Flushes);
	return Complete(Irp, STATUS_SUCCESS, 0);
}

/*
 * METHOD_NEITHER as NT drivers write it: the requester's buffers probed
 * under __try, the output locked with an MDL and written through it.
 */
static NTSTATUS Probed(PIRP Irp, PIO_STACK_LOCATION stack)
{
	ULONG in = stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG out = stack->Parameters.DeviceIoControl.OutputBufferLength;
	PUCHAR src = stack->Parameters.DeviceIoControl.Type3InputBuffer, dst;
	volatile NTSTATUS status = STATUS_SUCCESS;
	PMDL mdl;
	ULONG i;

	if (Irp->RequestorMode == KernelMode || !out)
		return Complete(Irp, STATUS_INVALID_PARAMETER, 0);
	__try {
		ProbeForRead(src, in, sizeof(UCHAR));
		ProbeForWrite(Irp->UserBuffer, out, sizeof(UCHAR));
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
	}
	if (!NT_SUCCESS(status))
		return Complete(Irp, status, 0);
	mdl = IoAllocateMdl(Irp->UserBuffer, out, FALSE, TRUE, NULL);
	if (!mdl)
		return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
	__try {
		MmProbeAndLockPages(mdl, UserMode, IoWriteAccess);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
	}
	if (!NT_SUCCESS(status)) {
		IoFreeMdl(mdl);
		return Complete(Irp, status, 0);
	}
	dst = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority | MdlMappingNoExecute);
	for (i = 0; dst && i < in && i < out; i++)
		dst[i] = (src[i] >= 'a' && src[i] <= 'z') ? src[i] - 32 : src[i];
	MmUnlockPages(mdl);
	IoFreeMdl(mdl);
	return Complete(Irp, dst ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES, i);
}

/* A pointer the program put in its input: its probe fails here (see the README). */
static NTSTATUS Indirect(PIRP Irp, PIO_STACK_LOCATION stack)
{
	NTT_INDIRECT *request = stack->Parameters.DeviceIoControl.Type3InputBuffer;
	volatile NTSTATUS status = STATUS_SUCCESS;
	volatile UCHAR first = 0;

	if (stack->Parameters.DeviceIoControl.InputBufferLength < sizeof(*request))
		return Complete(Irp, STATUS_INVALID_PARAMETER, 0);
	__try {
		ProbeForRead(request, sizeof(*request), sizeof(ULONG));
		ProbeForRead((PVOID)(ULONG_PTR)request->Address, request->Length, sizeof(UCHAR));
		first = *(PUCHAR)(ULONG_PTR)request->Address;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		status = GetExceptionCode();
	}
	return Complete(Irp, status, first);
}

/*
 * A device made after DriverEntry (as from AddDevice): no request reaches
 * it until its driver clears DO_DEVICE_INITIALIZING (Ready 1).
 */
static NTSTATUS MakeLate(PIRP Irp, UCHAR Ready)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\NttLate");
	NTSTATUS status = STATUS_SUCCESS;

	if (!Late)
		status = IoCreateDeviceSecure(Buffered->DriverObject, 0, &name, FILE_DEVICE_UNKNOWN,
					      0, FALSE,
					      &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R, NULL,
					      &Late);
	if (NT_SUCCESS(status) && Ready)
		Late->Flags &= ~DO_DEVICE_INITIALIZING;
	return Complete(Irp, status, 0);
}

static NTSTATUS DevControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG in = stack->Parameters.DeviceIoControl.InputBufferLength;
	ULONG out = stack->Parameters.DeviceIoControl.OutputBufferLength;
	PUCHAR sys = Irp->AssociatedIrp.SystemBuffer, src, dst;
	ULONG i, n;

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_NTT_ECHO:
		/* Input and output share SystemBuffer: it is already in place. */
		if (out < in)
			return Complete(Irp, STATUS_BUFFER_OVERFLOW, out);
		return Complete(Irp, STATUS_SUCCESS, in);
	case IOCTL_NTT_TOO_MUCH:
		return Complete(Irp, STATUS_SUCCESS, out + 100);
	case IOCTL_NTT_WRITE_ACCESS:
		return Complete(Irp, STATUS_SUCCESS, 0);
	case IOCTL_NTT_UPPER:
		src = stack->Parameters.DeviceIoControl.Type3InputBuffer;
		dst = Irp->UserBuffer;
		for (i = 0; i < in && i < out; i++)
			dst[i] = (src[i] >= 'a' && src[i] <= 'z') ? src[i] - 32 : src[i];
		return Complete(Irp, STATUS_SUCCESS, i);
	case IOCTL_NTT_LATE:
		return MakeLate(Irp, in ? sys[0] : 0);
	case IOCTL_NTT_PROBED:
		return Probed(Irp, stack);
	case IOCTL_NTT_INDIRECT:
		return Indirect(Irp, stack);
	case IOCTL_NTT_COUNT:
		/* How many bytes of the caller's buffer equal the input's first byte. */
		src = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
		if (!src || in < 1)
			return Complete(Irp, STATUS_INVALID_PARAMETER, 0);
		for (i = 0, n = 0; i < MmGetMdlByteCount(Irp->MdlAddress); i++)
			n += src[i] == sys[0];
		return Complete(Irp, STATUS_SUCCESS, n);
	case IOCTL_NTT_FILL:
		/* The caller's buffer, filled with the input over and over. */
		dst = MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
		if (!dst || in < 1)
			return Complete(Irp, STATUS_INVALID_PARAMETER, 0);
		for (i = 0; i < out; i++)
			dst[i] = sys[i % in];
		return Complete(Irp, STATUS_SUCCESS, out);
	case IOCTL_NTT_STATS:
		if (out < sizeof(Stats))
			return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
		RtlCopyMemory(sys, &Stats, sizeof(Stats));
		return Complete(Irp, STATUS_SUCCESS, sizeof(Stats));
	case IOCTL_NTT_ACCESS:
		if (out < sizeof(ACCESS_MASK))
			return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
		*(ACCESS_MASK *)sys =
			((HANDLE_CONTEXT *)stack->FileObject->FsContext)->Access;
		return Complete(Irp, STATUS_SUCCESS, sizeof(ACCESS_MASK));
	}
	return Complete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
}

static VOID DevUnload(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING link;

	RtlInitUnicodeString(&link, L"\\DosDevices\\NttDevio");
	NTTEST("link_deleted", IoDeleteSymbolicLink(&link) == STATUS_SUCCESS);
	NTTEST("deleted_link_gone", IoDeleteSymbolicLink(&link) == STATUS_OBJECT_NAME_NOT_FOUND);
	/* NttRaw's and NttKernel's links go with their devices. */
	IoDeleteDevice(Buffered);
	IoDeleteDevice(Raw);
	IoDeleteDevice(Kernel);
	IoDeleteDevice(Direct);
	if (Late)
		IoDeleteDevice(Late);
	NtTestUnloadDone();
}

static NTSTATUS MakeDevice(PDRIVER_OBJECT DriverObject, PCWSTR Name, PCWSTR Link,
			   PCUNICODE_STRING Sddl, BOOLEAN Exclusive, PDEVICE_OBJECT *Device)
{
	UNICODE_STRING name, link;
	NTSTATUS status;

	RtlInitUnicodeString(&name, Name);
	RtlInitUnicodeString(&link, Link);
	status = Sddl ? IoCreateDeviceSecure(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0,
					     Exclusive, Sddl, NULL, Device) :
			IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, Exclusive,
				       Device);
	if (!NT_SUCCESS(status))
		return status;
	(*Device)->Flags &= ~DO_DEVICE_INITIALIZING;
	return IoCreateSymbolicLink(&link, &name);
}

static VOID CheckNames(VOID)
{
	UNICODE_STRING link, name, bad;

	RtlInitUnicodeString(&link, L"\\??\\NttDevio");
	RtlInitUnicodeString(&name, L"\\Device\\NttDevio");
	NTTEST("name_taken", IoCreateSymbolicLink(&link, &name) == STATUS_OBJECT_NAME_COLLISION);
	RtlInitUnicodeString(&link, L"\\DosDevices\\NttNowhere");
	RtlInitUnicodeString(&name, L"\\Device\\NttNowhere");
	NTTEST("no_such_device", IoCreateSymbolicLink(&link, &name) ==
	       STATUS_OBJECT_NAME_NOT_FOUND);
	RtlInitUnicodeString(&bad, L"\\BaseNamedObjects\\NttDevio");
	RtlInitUnicodeString(&name, L"\\Device\\NttDevio");
	NTTEST("outside_dos_devices_refused", IoCreateSymbolicLink(&bad, &name) ==
	       STATUS_OBJECT_NAME_INVALID);
}

/* The MDL routines on memory of the driver's own. */
static VOID CheckMdls(VOID)
{
	PUCHAR pool = ExAllocatePool2(POOL_FLAG_NON_PAGED, 3 * 4096, 'lMtN'), va;
	PMDL mdl, partial, second;
	PIRP irp = IoAllocateIrp(1, FALSE);

	if (!pool || !irp)
		goto out;
	mdl = IoAllocateMdl(pool + 100, 8000, FALSE, FALSE, irp);
	NTTEST("mdl_describes_buffer", mdl && irp->MdlAddress == mdl &&
	       MmGetMdlVirtualAddress(mdl) == pool + 100 && MmGetMdlByteCount(mdl) == 8000 &&
	       MmGetMdlByteOffset(mdl) == BYTE_OFFSET(pool + 100));
	second = IoAllocateMdl(pool, 10, TRUE, FALSE, irp);
	NTTEST("secondary_mdl_chained", second && mdl && mdl->Next == second);
	if (!mdl || !second)
		goto out;
	MmBuildMdlForNonPagedPool(mdl);
	NTTEST("nonpaged_mdl_address", MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority) ==
	       pool + 100 && MmGetMdlPfnArray(mdl)[0] != 0);
	MmProbeAndLockPages(second, KernelMode, IoModifyAccess);
	va = MmGetSystemAddressForMdlSafe(second, NormalPagePriority);
	if (va)
		va[3] = 0x5a;
	NTTEST("locked_mdl_maps_same_memory", va && va != pool && pool[3] == 0x5a);
	MmUnlockPages(second);
	NTTEST("unlocked_mdl_unmapped", !(second->MdlFlags & (MDL_PAGES_LOCKED |
							      MDL_MAPPED_TO_SYSTEM_VA)));
	partial = IoAllocateMdl(pool + 4096, 100, FALSE, FALSE, NULL);
	if (partial) {
		IoBuildPartialMdl(mdl, partial, pool + 4096 + 50, 100);
		NTTEST("partial_mdl", MmGetSystemAddressForMdlSafe(partial, NormalPagePriority) ==
		       pool + 4096 + 50 && MmGetMdlPfnArray(partial)[0] ==
		       MmGetMdlPfnArray(mdl)[1]);
		IoFreeMdl(partial);
	}
	IoFreeMdl(second);
	IoFreeMdl(mdl);
out:
	if (irp)
		IoFreeIrp(irp);
	if (pool)
		ExFreePoolWithTag(pool, 'lMtN');
}

/* Physical pages for the driver, described by an MDL: mapped, given back, kept. */
static VOID CheckPagesForMdl(VOID)
{
	PHYSICAL_ADDRESS low = { .QuadPart = 0 }, skip = { .QuadPart = 0 };
	PHYSICAL_ADDRESS any = { .QuadPart = -1 }, below4g = { .QuadPart = 0xffffffff };
	PMDL mdl = MmAllocatePagesForMdl(low, any, skip, 3 * PAGE_SIZE + 1), foreign;
	BOOLEAN zero = TRUE;
	PUCHAR va = NULL;
	ULONG i;

	NTTEST("pages_for_mdl", mdl && MmGetMdlByteCount(mdl) == 4 * PAGE_SIZE &&
	       (mdl->MdlFlags & MDL_PAGES_LOCKED) && !(mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA));
	if (mdl)
		va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
	for (i = 0; va && i < 4 * PAGE_SIZE; i++)
		if (va[i])
			zero = FALSE;
	NTTEST("pages_zeroed_and_mapped", va && zero);
	if (va) {
		va[4 * PAGE_SIZE - 1] = 0x5a;
		MmUnmapLockedPages(va, mdl);
	}
	if (mdl) {
		MmFreePagesFromMdl(mdl);
		NTTEST("pages_given_back", !(mdl->MdlFlags & MDL_PAGES_LOCKED));
		ExFreePool(mdl);
	}
	mdl = MmAllocatePagesForMdlEx(low, below4g, skip, 2 * PAGE_SIZE, MmCached,
				      MM_DONT_ZERO_ALLOCATION | MM_ALLOCATE_FULLY_REQUIRED);
	NTTEST("pages_below_4g", mdl && MmGetMdlByteCount(mdl) == 2 * PAGE_SIZE &&
	       MmGetMdlPfnArray(mdl)[0] < 0x100000 && MmGetMdlPfnArray(mdl)[1] < 0x100000);
	/* Freed without giving the pages back: ntshim takes them back at unload. */
	if (mdl)
		ExFreePool(mdl);
	foreign = IoAllocateMdl(&zero, 1, FALSE, FALSE, NULL);
	if (foreign) {
		MmFreePagesFromMdl(foreign);	/* refused: its pages are not the driver's */
		IoFreeMdl(foreign);
	}
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	DriverObject->MajorFunction[IRP_MJ_CREATE] = DevCreate;
	DriverObject->MajorFunction[IRP_MJ_CLEANUP] = DevCleanup;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = DevClose;
	DriverObject->MajorFunction[IRP_MJ_READ] = DevRead;
	DriverObject->MajorFunction[IRP_MJ_WRITE] = DevWrite;
	DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = DevFlush;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DevControl;
	NTTEST("buffered_device",
	       NT_SUCCESS(MakeDevice(DriverObject, L"\\Device\\NttDevio", L"\\DosDevices\\NttDevio",
				     &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R, FALSE, &Buffered)));
	if (Buffered)
		Buffered->Flags |= DO_BUFFERED_IO;
	NTTEST("raw_exclusive_device",
	       NT_SUCCESS(MakeDevice(DriverObject, L"\\Device\\NttRaw", L"\\??\\NttRaw", NULL,
				     TRUE, &Raw)));
	NTTEST("kernel_only_device",
	       NT_SUCCESS(MakeDevice(DriverObject, L"\\Device\\NttKernel",
				     L"\\GLOBAL??\\NttKernel", &SDDL_DEVOBJ_KERNEL_ONLY, FALSE,
				     &Kernel)));
	NTTEST("direct_device",
	       NT_SUCCESS(MakeDevice(DriverObject, L"\\Device\\NttDirect", L"\\DosDevices\\NttDirect",
				     NULL, FALSE, &Direct)));
	if (Direct)
		Direct->Flags |= DO_DIRECT_IO;
	CheckNames();
	CheckMdls();
	CheckPagesForMdl();
	DriverObject->DriverUnload = DevUnload;
	return NtTestEntryDone();
}
