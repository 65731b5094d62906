/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntddk.h - the NT4-style driver development kit header.
 *
 * As in the WDK, it is wdm.h plus the routines legacy (non-WDM) drivers use.
 */
#ifndef _NTDDK_
#define _NTDDK_

#include <wdm.h>

typedef enum _BUS_DATA_TYPE {
	ConfigurationSpaceUndefined = -1,
	Cmos,
	EisaConfiguration,
	Pos,
	CbusConfiguration,
	PCIConfiguration,
	VMEConfiguration,
	NuBusConfiguration,
	PCMCIAConfiguration,
	MPIConfiguration,
	MPSAConfiguration,
	PNPISAConfiguration,
	SgiInternalConfiguration,
	MaximumBusDataType
} BUS_DATA_TYPE, *PBUS_DATA_TYPE;

typedef struct _PCI_SLOT_NUMBER {
	union {
		struct {
			ULONG DeviceNumber : 5;
			ULONG FunctionNumber : 3;
			ULONG Reserved : 24;
		} bits;
		ULONG AsULONG;
	} u;
} PCI_SLOT_NUMBER, *PPCI_SLOT_NUMBER;

#define PCI_TYPE0_ADDRESSES	6
#define PCI_TYPE1_ADDRESSES	2
#define PCI_INVALID_VENDORID	0xFFFF
#define PCI_MAX_DEVICES		32
#define PCI_MAX_FUNCTION	8
#define PCI_MAX_BRIDGE_NUMBER	0xFF
#define PCI_COMMON_HDR_LENGTH	(FIELD_OFFSET(PCI_COMMON_CONFIG, DeviceSpecific))
#define PCI_ADDRESS_IO_SPACE		0x00000001
#define PCI_ADDRESS_MEMORY_ADDRESS_MASK	0xFFFFFFF0
#define PCI_ADDRESS_IO_ADDRESS_MASK	0xFFFFFFFC
#define PCI_ENABLE_IO_SPACE		0x0001
#define PCI_ENABLE_MEMORY_SPACE		0x0002
#define PCI_ENABLE_BUS_MASTER		0x0004

typedef struct _PCI_COMMON_CONFIG {
	USHORT VendorID;
	USHORT DeviceID;
	USHORT Command;
	USHORT Status;
	UCHAR RevisionID;
	UCHAR ProgIf;
	UCHAR SubClass;
	UCHAR BaseClass;
	UCHAR CacheLineSize;
	UCHAR LatencyTimer;
	UCHAR HeaderType;
	UCHAR BIST;
	union {
		struct _PCI_HEADER_TYPE_0 {
			ULONG BaseAddresses[PCI_TYPE0_ADDRESSES];
			ULONG CIS;
			USHORT SubVendorID;
			USHORT SubSystemID;
			ULONG ROMBaseAddress;
			UCHAR CapabilitiesPtr;
			UCHAR Reserved1[3];
			ULONG Reserved2;
			UCHAR InterruptLine;
			UCHAR InterruptPin;
			UCHAR MinimumGrant;
			UCHAR MaximumLatency;
		} type0;
		ULONG Raw[12];
	} u;
	UCHAR DeviceSpecific[192];
} PCI_COMMON_CONFIG, *PPCI_COMMON_CONFIG;

NTHALAPI ULONG NTAPI HalGetInterruptVector(INTERFACE_TYPE InterfaceType, ULONG BusNumber,
					   ULONG BusInterruptLevel, ULONG BusInterruptVector,
					   PKIRQL Irql, PKAFFINITY Affinity);
NTHALAPI ULONG NTAPI HalGetBusData(BUS_DATA_TYPE BusDataType, ULONG BusNumber,
				   ULONG SlotNumber, PVOID Buffer, ULONG Length);
NTHALAPI ULONG NTAPI HalGetBusDataByOffset(BUS_DATA_TYPE BusDataType, ULONG BusNumber,
					   ULONG SlotNumber, PVOID Buffer, ULONG Offset,
					   ULONG Length);
NTHALAPI ULONG NTAPI HalSetBusData(BUS_DATA_TYPE BusDataType, ULONG BusNumber,
				   ULONG SlotNumber, PVOID Buffer, ULONG Length);
NTHALAPI ULONG NTAPI HalSetBusDataByOffset(BUS_DATA_TYPE BusDataType, ULONG BusNumber,
					   ULONG SlotNumber, PVOID Buffer, ULONG Offset,
					   ULONG Length);
NTHALAPI BOOLEAN NTAPI HalTranslateBusAddress(INTERFACE_TYPE InterfaceType, ULONG BusNumber,
					      PHYSICAL_ADDRESS BusAddress,
					      PULONG AddressSpace,
					      PPHYSICAL_ADDRESS TranslatedAddress);

NTSYSAPI NTSTATUS NTAPI RtlCharToInteger(PCSZ String, ULONG Base, PULONG Value);

/* The PC speaker: a tone of the frequency in Hz, 0 for silence. */
NTHALAPI BOOLEAN NTAPI HalMakeBeep(ULONG Frequency);

#endif /* _NTDDK_ */
