/*
 * reinit_first: asks to be called again after later drivers have loaded
 * (IoRegisterDriverReinitialization), twice, and wants to hear about system
 * shutdown (IoRegisterShutdownNotification).
 */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_REINITIALIZE FirstReinitialize;
DRIVER_DISPATCH FirstShutdown;
DRIVER_UNLOAD FirstUnload;

VOID FirstReinitialize(PDRIVER_OBJECT DriverObject, PVOID Context, ULONG Count)
{
	DbgPrint("reinit_first: reinitialization routine, Count %lu, IRQL %d, context %s\n",
		 Count, KeGetCurrentIrql(), (PCSTR)Context);
	if (Count < 2)
		IoRegisterDriverReinitialization(DriverObject, FirstReinitialize, Context);
}

NTSTATUS FirstShutdown(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	DbgPrint("reinit_first: IRP_MJ_SHUTDOWN at IRQL %d: saving state before power-off\n",
		 KeGetCurrentIrql());
	Irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

VOID FirstUnload(PDRIVER_OBJECT DriverObject)
{
	IoUnregisterShutdownNotification(DriverObject->DeviceObject);
	IoDeleteDevice(DriverObject->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	PDEVICE_OBJECT device;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(RegistryPath);
	status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
	if (!NT_SUCCESS(status))
		return status;
	DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = FirstShutdown;
	IoRegisterShutdownNotification(device);
	IoRegisterDriverReinitialization(DriverObject, FirstReinitialize, "from DriverEntry");
	DbgPrint("reinit_first: loaded; reinitialization and shutdown notification registered\n");
	device->Flags &= ~DO_DEVICE_INITIALIZING;
	DriverObject->DriverUnload = FirstUnload;
	return STATUS_SUCCESS;
}
