/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/dma.h - DMA adapters: the device description a driver gives
 * IoGetDmaAdapter, and the operations table of the adapter it gets back.
 * Declared only so far: IoGetDmaAdapter is not provided yet, so a driver
 * using DMA fails to link, with that name.
 * Part of wdm.h: drivers include <wdm.h> or <ntddk.h>, not this file.
 */
#ifndef _NTSHIM_WDM_DMA_H
#define _NTSHIM_WDM_DMA_H

typedef enum _IO_ALLOCATION_ACTION {
	KeepObject = 1,
	DeallocateObject,
	DeallocateObjectKeepRegisters
} IO_ALLOCATION_ACTION, *PIO_ALLOCATION_ACTION;

typedef enum _DMA_WIDTH {
	Width8Bits,
	Width16Bits,
	Width32Bits,
	Width64Bits,
	WidthNoWrap,
	MaximumDmaWidth
} DMA_WIDTH, *PDMA_WIDTH;

typedef enum _DMA_SPEED {
	Compatible,
	TypeA,
	TypeB,
	TypeC,
	TypeF,
	MaximumDmaSpeed
} DMA_SPEED, *PDMA_SPEED;

typedef enum _DMA_COMPLETION_STATUS {
	DmaComplete,
	DmaAborted,
	DmaError,
	DmaCancelled
} DMA_COMPLETION_STATUS, *PDMA_COMPLETION_STATUS;

#define DEVICE_DESCRIPTION_VERSION	0
#define DEVICE_DESCRIPTION_VERSION1	1
#define DEVICE_DESCRIPTION_VERSION2	2
#define DEVICE_DESCRIPTION_VERSION3	3

typedef struct _DEVICE_DESCRIPTION {
	ULONG Version;
	BOOLEAN Master;
	BOOLEAN ScatterGather;
	BOOLEAN DemandMode;
	BOOLEAN AutoInitialize;
	BOOLEAN Dma32BitAddresses;
	BOOLEAN IgnoreCount;
	BOOLEAN Reserved1;
	BOOLEAN Dma64BitAddresses;
	ULONG BusNumber;
	ULONG DmaChannel;
	INTERFACE_TYPE InterfaceType;
	DMA_WIDTH DmaWidth;
	DMA_SPEED DmaSpeed;
	ULONG MaximumLength;
	ULONG DmaPort;
	ULONG DmaAddressWidth;
	ULONG DmaControllerInstance;
	ULONG DmaRequestLine;
	PHYSICAL_ADDRESS DeviceAddress;
} DEVICE_DESCRIPTION, *PDEVICE_DESCRIPTION;

typedef struct _SCATTER_GATHER_ELEMENT {
	PHYSICAL_ADDRESS Address;
	ULONG Length;
	ULONG_PTR Reserved;
} SCATTER_GATHER_ELEMENT, *PSCATTER_GATHER_ELEMENT;

typedef struct _SCATTER_GATHER_LIST {
	ULONG NumberOfElements;
	ULONG_PTR Reserved;
	SCATTER_GATHER_ELEMENT Elements[];
} SCATTER_GATHER_LIST, *PSCATTER_GATHER_LIST;

#define DMA_TRANSFER_CONTEXT_VERSION1	1
#define DMA_TRANSFER_CONTEXT_SIZE_V1	128

typedef struct _DMA_ADAPTER *PDMA_ADAPTER;
typedef struct _DMA_OPERATIONS *PDMA_OPERATIONS;

typedef struct _DMA_ADAPTER {
	USHORT Version;
	USHORT Size;
	PDMA_OPERATIONS DmaOperations;
} DMA_ADAPTER;

typedef IO_ALLOCATION_ACTION DRIVER_CONTROL(PDEVICE_OBJECT DeviceObject, PIRP Irp,
					    PVOID MapRegisterBase, PVOID Context);
typedef DRIVER_CONTROL *PDRIVER_CONTROL;
typedef VOID DRIVER_LIST_CONTROL(PDEVICE_OBJECT DeviceObject, PIRP Irp,
				 PSCATTER_GATHER_LIST ScatterGather, PVOID Context);
typedef DRIVER_LIST_CONTROL *PDRIVER_LIST_CONTROL;
typedef VOID DMA_COMPLETION_ROUTINE(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
				    PVOID CompletionContext, DMA_COMPLETION_STATUS Status);
typedef DMA_COMPLETION_ROUTINE *PDMA_COMPLETION_ROUTINE;

/* The operations, in the WDK's order (version 3 of the table). */
typedef struct _DMA_OPERATIONS {
	ULONG Size;
	VOID (*PutDmaAdapter)(PDMA_ADAPTER DmaAdapter);
	PVOID (*AllocateCommonBuffer)(PDMA_ADAPTER DmaAdapter, ULONG Length,
				      PPHYSICAL_ADDRESS LogicalAddress, BOOLEAN CacheEnabled);
	VOID (*FreeCommonBuffer)(PDMA_ADAPTER DmaAdapter, ULONG Length,
				 PHYSICAL_ADDRESS LogicalAddress, PVOID VirtualAddress,
				 BOOLEAN CacheEnabled);
	NTSTATUS (*AllocateAdapterChannel)(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
					   ULONG NumberOfMapRegisters,
					   PDRIVER_CONTROL ExecutionRoutine, PVOID Context);
	BOOLEAN (*FlushAdapterBuffers)(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
				       PVOID CurrentVa, ULONG Length, BOOLEAN WriteToDevice);
	VOID (*FreeAdapterChannel)(PDMA_ADAPTER DmaAdapter);
	VOID (*FreeMapRegisters)(PDMA_ADAPTER DmaAdapter, PVOID MapRegisterBase,
				 ULONG NumberOfMapRegisters);
	PHYSICAL_ADDRESS (*MapTransfer)(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
					PVOID CurrentVa, PULONG Length, BOOLEAN WriteToDevice);
	ULONG (*GetDmaAlignment)(PDMA_ADAPTER DmaAdapter);
	ULONG (*ReadDmaCounter)(PDMA_ADAPTER DmaAdapter);
	NTSTATUS (*GetScatterGatherList)(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
					 PMDL Mdl, PVOID CurrentVa, ULONG Length,
					 PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
					 BOOLEAN WriteToDevice);
	VOID (*PutScatterGatherList)(PDMA_ADAPTER DmaAdapter,
				     PSCATTER_GATHER_LIST ScatterGather, BOOLEAN WriteToDevice);
	NTSTATUS (*CalculateScatterGatherList)(PDMA_ADAPTER DmaAdapter, PMDL Mdl,
					       PVOID CurrentVa, ULONG Length,
					       PULONG ScatterGatherListSize,
					       PULONG NumberOfMapRegisters);
	NTSTATUS (*BuildScatterGatherList)(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
					   PMDL Mdl, PVOID CurrentVa, ULONG Length,
					   PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
					   BOOLEAN WriteToDevice, PVOID ScatterGatherBuffer,
					   ULONG ScatterGatherLength);
	NTSTATUS (*BuildMdlFromScatterGatherList)(PDMA_ADAPTER DmaAdapter,
						  PSCATTER_GATHER_LIST ScatterGather,
						  PMDL OriginalMdl, PMDL *TargetMdl);
	NTSTATUS (*GetDmaAdapterInfo)(PDMA_ADAPTER DmaAdapter, PVOID AdapterInfo);
	NTSTATUS (*GetDmaTransferInfo)(PDMA_ADAPTER DmaAdapter, PMDL Mdl, ULONGLONG Offset,
				       ULONG Length, BOOLEAN WriteOnly, PVOID TransferInfo);
	NTSTATUS (*InitializeDmaTransferContext)(PDMA_ADAPTER DmaAdapter,
						 PVOID DmaTransferContext);
	PVOID (*AllocateCommonBufferEx)(PDMA_ADAPTER DmaAdapter, PPHYSICAL_ADDRESS MaximumAddress,
					ULONG Length, PPHYSICAL_ADDRESS LogicalAddress,
					BOOLEAN CacheEnabled, ULONG PreferredNode);
	NTSTATUS (*AllocateAdapterChannelEx)(PDMA_ADAPTER DmaAdapter,
					     PDEVICE_OBJECT DeviceObject,
					     PVOID DmaTransferContext,
					     ULONG NumberOfMapRegisters, ULONG Flags,
					     PDRIVER_CONTROL ExecutionRoutine,
					     PVOID ExecutionContext, PVOID *MapRegisterBase);
	NTSTATUS (*ConfigureAdapterChannel)(PDMA_ADAPTER DmaAdapter, ULONG FunctionNumber,
					    PVOID Context);
	BOOLEAN (*CancelAdapterChannel)(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
					PVOID DmaTransferContext);
	NTSTATUS (*MapTransferEx)(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
				  ULONGLONG Offset, ULONG DeviceOffset, PULONG Length,
				  BOOLEAN WriteToDevice, PSCATTER_GATHER_LIST ScatterGatherBuffer,
				  ULONG ScatterGatherBufferLength,
				  PDMA_COMPLETION_ROUTINE DmaCompletionRoutine,
				  PVOID CompletionContext);
	NTSTATUS (*GetScatterGatherListEx)(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
					   PVOID DmaTransferContext, PMDL Mdl, ULONGLONG Offset,
					   ULONG Length, ULONG Flags,
					   PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
					   BOOLEAN WriteToDevice,
					   PDMA_COMPLETION_ROUTINE DmaCompletionRoutine,
					   PVOID CompletionContext,
					   PSCATTER_GATHER_LIST *ScatterGatherList);
	NTSTATUS (*BuildScatterGatherListEx)(PDMA_ADAPTER DmaAdapter,
					     PDEVICE_OBJECT DeviceObject,
					     PVOID DmaTransferContext, PMDL Mdl,
					     ULONGLONG Offset, ULONG Length, ULONG Flags,
					     PDRIVER_LIST_CONTROL ExecutionRoutine,
					     PVOID Context, BOOLEAN WriteToDevice,
					     PVOID ScatterGatherBuffer, ULONG ScatterGatherLength,
					     PDMA_COMPLETION_ROUTINE DmaCompletionRoutine,
					     PVOID CompletionContext, PVOID ScatterGatherList);
	NTSTATUS (*FlushAdapterBuffersEx)(PDMA_ADAPTER DmaAdapter, PMDL Mdl,
					  PVOID MapRegisterBase, ULONGLONG Offset, ULONG Length,
					  BOOLEAN WriteToDevice);
	VOID (*FreeAdapterObject)(PDMA_ADAPTER DmaAdapter, IO_ALLOCATION_ACTION AllocationAction);
	NTSTATUS (*CancelMappedTransfer)(PDMA_ADAPTER DmaAdapter, PVOID DmaTransferContext);
} DMA_OPERATIONS;

NTKERNELAPI PDMA_ADAPTER NTAPI IoGetDmaAdapter(PDEVICE_OBJECT PhysicalDeviceObject,
					       PDEVICE_DESCRIPTION DeviceDescription,
					       PULONG NumberOfMapRegisters);

#endif /* _NTSHIM_WDM_DMA_H */
