/*
 * edu: a legacy NT4-style driver for QEMU's "edu" PCI device.
 *
 * It scans the PCI buses with HalGetBusData, maps BAR0 with MmMapIoSpace,
 * connects the INTx line it finds with HalGetInterruptVector(PCIBus) and
 * IoConnectInterrupt, acknowledges interrupts in its ISR and hands the rest
 * to its DpcForIsr through IoRequestDpc.  Registers the ISR also touches
 * are programmed through KeSynchronizeExecution.  It raises interrupts and
 * computes factorials with interrupt-on-completion.
 */
#include <ntddk.h>

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8
#define EDU_BAR_SIZE		0x100000
#define EDU_ID			0x00
#define EDU_LIVENESS		0x04
#define EDU_FACTORIAL		0x08
#define EDU_STATUS		0x20
#define EDU_IRQ_STATUS		0x24
#define EDU_IRQ_RAISE		0x60
#define EDU_IRQ_ACK		0x64
#define EDU_STATUS_BUSY		0x01
#define EDU_STATUS_IRQ_FACT	0x80
#define EDU_IRQ_FACT_DONE	0x01
#define EDU_IRQ_TEST		0x100
#define RAISES			10
#define MAX_FACTORIAL		12

typedef struct _EDU {
	PUCHAR Regs;
	PKINTERRUPT Interrupt;
	ULONG Bus;
	PCI_SLOT_NUMBER Slot;
	ULONG Vector;
	ULONG Pending;		/* interrupt causes the DPC has not seen */
	volatile LONG IsrCalls;
	volatile LONG IsrClaimed;
	volatile LONG DpcRuns;
	ULONG Argument;
	KEVENT Done;
} EDU, *PEDU;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD EduUnload;
KSERVICE_ROUTINE EduIsr;
IO_DPC_ROUTINE EduDpcForIsr;

static ULONG EduRead(PEDU edu, ULONG reg)
{
	return READ_REGISTER_ULONG((PULONG)(edu->Regs + reg));
}

static VOID EduWrite(PEDU edu, ULONG reg, ULONG value)
{
	WRITE_REGISTER_ULONG((PULONG)(edu->Regs + reg), value);
}

BOOLEAN EduIsr(PKINTERRUPT Interrupt, PVOID ServiceContext)
{
	PDEVICE_OBJECT device = ServiceContext;
	PEDU edu = device->DeviceExtension;
	ULONG status;

	UNREFERENCED_PARAMETER(Interrupt);
	InterlockedIncrement(&edu->IsrCalls);
	status = EduRead(edu, EDU_IRQ_STATUS);
	if (!status)
		return FALSE;		/* not ours: a shared line */
	EduWrite(edu, EDU_IRQ_ACK, status);
	edu->Pending |= status;
	InterlockedIncrement(&edu->IsrClaimed);
	IoRequestDpc(device, NULL, NULL);
	return TRUE;
}

static BOOLEAN EduTakePending(PVOID Context)
{
	PEDU edu = Context;

	edu->Argument = edu->Pending;
	edu->Pending = 0;
	return TRUE;
}

VOID EduDpcForIsr(PKDPC Dpc, PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
	PEDU edu = DeviceObject->DeviceExtension;

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(Irp);
	UNREFERENCED_PARAMETER(Context);
	KeSynchronizeExecution(edu->Interrupt, EduTakePending, edu);
	InterlockedIncrement(&edu->DpcRuns);
	KeSetEvent(&edu->Done, IO_NO_INCREMENT, FALSE);
}

static BOOLEAN EduRaise(PVOID Context)
{
	EduWrite(Context, EDU_IRQ_RAISE, EDU_IRQ_TEST);
	return TRUE;
}

static BOOLEAN EduStartFactorial(PVOID Context)
{
	PEDU edu = Context;

	EduWrite(edu, EDU_STATUS, EDU_STATUS_IRQ_FACT);
	EduWrite(edu, EDU_FACTORIAL, edu->Argument);
	return TRUE;
}

static NTSTATUS EduWait(PEDU edu)
{
	LARGE_INTEGER timeout;

	timeout.QuadPart = -10000000LL;		/* 1 s */
	return KeWaitForSingleObject(&edu->Done, Executive, KernelMode, FALSE, &timeout);
}

static BOOLEAN EduFind(PEDU edu, PPCI_COMMON_CONFIG cfg)
{
	ULONG bus, dev, fn, got;

	for (bus = 0; bus <= PCI_MAX_BRIDGE_NUMBER; bus++) {
		for (dev = 0; dev < PCI_MAX_DEVICES; dev++) {
			for (fn = 0; fn < PCI_MAX_FUNCTION; fn++) {
				edu->Slot.u.AsULONG = 0;
				edu->Slot.u.bits.DeviceNumber = dev;
				edu->Slot.u.bits.FunctionNumber = fn;
				got = HalGetBusData(PCIConfiguration, bus, edu->Slot.u.AsULONG,
						    cfg, PCI_COMMON_HDR_LENGTH);
				if (got == 0)
					goto next_bus;	/* no such bus */
				if (got == 2 || cfg->VendorID == PCI_INVALID_VENDORID)
					break;		/* empty slot */
				if (cfg->VendorID == EDU_VENDOR && cfg->DeviceID == EDU_DEVICE) {
					edu->Bus = bus;
					return TRUE;
				}
				if (fn == 0 && !(cfg->HeaderType & 0x80))
					break;		/* single function */
			}
		}
next_bus:
		;
	}
	return FALSE;
}

static ULONG Factorial(ULONG n)
{
	ULONG r = 1;

	while (n > 1)
		r *= n--;
	return r;
}

static VOID EduExercise(PEDU edu)
{
	ULONG i, n, result, right = 0;

	for (i = 0; i < RAISES; i++) {
		KeClearEvent(&edu->Done);
		KeSynchronizeExecution(edu->Interrupt, EduRaise, edu);
		EduWait(edu);
	}
	DbgPrint("edu: %d interrupts raised: %ld claimed by the ISR (%ld calls), %ld DPC runs\n",
		 RAISES, edu->IsrClaimed, edu->IsrCalls, edu->DpcRuns);

	for (n = 1; n <= MAX_FACTORIAL; n++) {
		KeClearEvent(&edu->Done);
		edu->Argument = n;
		KeSynchronizeExecution(edu->Interrupt, EduStartFactorial, edu);
		if (EduWait(edu) != STATUS_SUCCESS) {
			DbgPrint("edu: factorial %lu: no interrupt\n", n);
			continue;
		}
		result = EduRead(edu, EDU_FACTORIAL);
		if (result == Factorial(n))
			right++;
		else
			DbgPrint("edu: %lu! = %lu from the device, expected %lu\n", n, result,
				 Factorial(n));
	}
	DbgPrint("edu: factorials 1! to %d!: %lu right, computed with interrupt on completion\n",
		 MAX_FACTORIAL, right);
}

VOID EduUnload(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT device = DriverObject->DeviceObject;
	PEDU edu = device->DeviceExtension;

	IoDisconnectInterrupt(edu->Interrupt);
	MmUnmapIoSpace(edu->Regs, EDU_BAR_SIZE);
	DbgPrint("edu: unloaded after %ld ISR calls, %ld claimed\n", edu->IsrCalls,
		 edu->IsrClaimed);
	IoDeleteDevice(device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	PCI_COMMON_CONFIG cfg;
	PHYSICAL_ADDRESS bar, mapped;
	PDEVICE_OBJECT device;
	ULONG space = 0, id, live;
	KAFFINITY affinity;
	KIRQL irql;
	NTSTATUS status;
	PEDU edu;

	UNREFERENCED_PARAMETER(RegistryPath);
	status = IoCreateDevice(DriverObject, sizeof(EDU), NULL, FILE_DEVICE_UNKNOWN, 0,
				FALSE, &device);
	if (!NT_SUCCESS(status))
		return status;
	edu = device->DeviceExtension;
	KeInitializeEvent(&edu->Done, NotificationEvent, FALSE);

	if (!EduFind(edu, &cfg)) {
		DbgPrint("edu: no QEMU edu device (1234:11e8) on any PCI bus\n");
		status = STATUS_NO_SUCH_DEVICE;
		goto fail;
	}
	bar.QuadPart = cfg.u.type0.BaseAddresses[0] & PCI_ADDRESS_MEMORY_ADDRESS_MASK;
	if (!HalTranslateBusAddress(PCIBus, edu->Bus, bar, &space, &mapped) ||
	    !(edu->Regs = MmMapIoSpace(mapped, EDU_BAR_SIZE, MmNonCached))) {
		status = STATUS_INSUFFICIENT_RESOURCES;
		goto fail;
	}
	id = EduRead(edu, EDU_ID);
	EduWrite(edu, EDU_LIVENESS, 0x12345678);
	live = EduRead(edu, EDU_LIVENESS);
	DbgPrint("edu: found QEMU edu device at bus %lu device %lu, id %08lx, liveness %s, IRQ line %u\n",
		 edu->Bus, edu->Slot.u.bits.DeviceNumber, id,
		 live == ~0x12345678U ? "ok" : "WRONG", cfg.u.type0.InterruptLine);

	edu->Vector = HalGetInterruptVector(PCIBus, edu->Bus, cfg.u.type0.InterruptLine,
					    cfg.u.type0.InterruptLine, &irql, &affinity);
	if (!edu->Vector) {
		status = STATUS_DEVICE_CONFIGURATION_ERROR;
		goto unmap;
	}
	IoInitializeDpcRequest(device, EduDpcForIsr);
	status = IoConnectInterrupt(&edu->Interrupt, EduIsr, device, NULL, edu->Vector, irql,
				    irql, LevelSensitive, TRUE, affinity, FALSE);
	if (!NT_SUCCESS(status))
		goto unmap;
	DbgPrint("edu: ISR connected to vector %lu at IRQL %u\n", edu->Vector, irql);

	EduExercise(edu);
	device->Flags &= ~DO_DEVICE_INITIALIZING;
	DriverObject->DriverUnload = EduUnload;
	return STATUS_SUCCESS;

unmap:
	MmUnmapIoSpace(edu->Regs, EDU_BAR_SIZE);
fail:
	IoDeleteDevice(device);
	return status;
}
