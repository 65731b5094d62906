/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntddscsi.h - the SCSI port interface: control codes, pass-through
 * requests, addresses and adapter capabilities, as storage drivers and
 * their programs exchange them.
 */
#ifndef _NTDDSCSIH_
#define _NTDDSCSIH_
#include <devioctl.h>

#define IOCTL_SCSI_BASE		FILE_DEVICE_CONTROLLER

#define DD_SCSI_DEVICE_NAME	"\\Device\\ScsiPort"
#define DD_SCSI_DEVICE_NAME_U	L"\\Device\\ScsiPort"

#define IOCTL_SCSI_PASS_THROUGH \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0401, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_SCSI_MINIPORT \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0402, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_SCSI_GET_INQUIRY_DATA \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0403, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_SCSI_GET_CAPABILITIES \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0404, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_SCSI_PASS_THROUGH_DIRECT \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0405, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_SCSI_GET_ADDRESS \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0406, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_SCSI_RESCAN_BUS \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0407, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_SCSI_GET_DUMP_POINTERS \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0408, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_SCSI_FREE_DUMP_POINTERS \
	CTL_CODE(IOCTL_SCSI_BASE, 0x0409, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_IDE_PASS_THROUGH \
	CTL_CODE(IOCTL_SCSI_BASE, 0x040a, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)

/* SCSI_PASS_THROUGH's DataIn. */
#define SCSI_IOCTL_DATA_OUT		0
#define SCSI_IOCTL_DATA_IN		1
#define SCSI_IOCTL_DATA_UNSPECIFIED	2

/* IOCTL_SCSI_PASS_THROUGH: the data and sense buffers follow, at their offsets. */
typedef struct _SCSI_PASS_THROUGH {
	USHORT Length;
	UCHAR ScsiStatus;
	UCHAR PathId;
	UCHAR TargetId;
	UCHAR Lun;
	UCHAR CdbLength;
	UCHAR SenseInfoLength;
	UCHAR DataIn;
	ULONG DataTransferLength;
	ULONG TimeOutValue;
	ULONG_PTR DataBufferOffset;
	ULONG SenseInfoOffset;
	UCHAR Cdb[16];
} SCSI_PASS_THROUGH, *PSCSI_PASS_THROUGH;

/* IOCTL_SCSI_PASS_THROUGH_DIRECT: the data buffer is the caller's own. */
typedef struct _SCSI_PASS_THROUGH_DIRECT {
	USHORT Length;
	UCHAR ScsiStatus;
	UCHAR PathId;
	UCHAR TargetId;
	UCHAR Lun;
	UCHAR CdbLength;
	UCHAR SenseInfoLength;
	UCHAR DataIn;
	ULONG DataTransferLength;
	ULONG TimeOutValue;
	PVOID DataBuffer;
	ULONG SenseInfoOffset;
	UCHAR Cdb[16];
} SCSI_PASS_THROUGH_DIRECT, *PSCSI_PASS_THROUGH_DIRECT;

/* IOCTL_SCSI_GET_ADDRESS. */
typedef struct _SCSI_ADDRESS {
	ULONG Length;
	UCHAR PortNumber;
	UCHAR PathId;
	UCHAR TargetId;
	UCHAR Lun;
} SCSI_ADDRESS, *PSCSI_ADDRESS;

/* IOCTL_SCSI_GET_CAPABILITIES. */
typedef struct _IO_SCSI_CAPABILITIES {
	ULONG Length;
	ULONG MaximumTransferLength;
	ULONG MaximumPhysicalPages;
	ULONG SupportedAsynchronousEvents;
	ULONG AlignmentMask;
	BOOLEAN TaggedQueuing;
	BOOLEAN AdapterScansDown;
	BOOLEAN AdapterUsesPio;
} IO_SCSI_CAPABILITIES, *PIO_SCSI_CAPABILITIES;

/* IOCTL_SCSI_GET_INQUIRY_DATA: a SCSI_ADAPTER_BUS_INFO, its buses, their units. */
typedef struct _SCSI_BUS_DATA {
	UCHAR NumberOfLogicalUnits;
	UCHAR InitiatorBusId;
	ULONG InquiryDataOffset;
} SCSI_BUS_DATA, *PSCSI_BUS_DATA;

typedef struct _SCSI_ADAPTER_BUS_INFO {
	UCHAR NumberOfBuses;
	SCSI_BUS_DATA BusData[1];
} SCSI_ADAPTER_BUS_INFO, *PSCSI_ADAPTER_BUS_INFO;

typedef struct _SCSI_INQUIRY_DATA {
	UCHAR PathId;
	UCHAR TargetId;
	UCHAR Lun;
	BOOLEAN DeviceClaimed;
	ULONG InquiryDataLength;
	ULONG NextInquiryDataOffset;
	UCHAR InquiryData[1];
} SCSI_INQUIRY_DATA, *PSCSI_INQUIRY_DATA;

/* IOCTL_SCSI_MINIPORT: the header before the miniport's own data. */
typedef struct _SRB_IO_CONTROL {
	ULONG HeaderLength;
	UCHAR Signature[8];
	ULONG Timeout;
	ULONG ControlCode;
	ULONG ReturnCode;
	ULONG Length;
} SRB_IO_CONTROL, *PSRB_IO_CONTROL;

/* ATA pass-through, for storage drivers and the programs that talk to disks. */
#define IOCTL_ATA_PASS_THROUGH \
	CTL_CODE(IOCTL_SCSI_BASE, 0x040b, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_ATA_PASS_THROUGH_DIRECT \
	CTL_CODE(IOCTL_SCSI_BASE, 0x040c, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_ATA_MINIPORT \
	CTL_CODE(IOCTL_SCSI_BASE, 0x040d, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)

#define ATA_FLAGS_DRDY_REQUIRED		0x0001
#define ATA_FLAGS_DATA_IN		0x0002
#define ATA_FLAGS_DATA_OUT		0x0004
#define ATA_FLAGS_48BIT_COMMAND		0x0008
#define ATA_FLAGS_USE_DMA		0x0010
#define ATA_FLAGS_NO_MULTIPLE		0x0020

typedef struct _ATA_PASS_THROUGH_EX {
	USHORT Length;
	USHORT AtaFlags;
	UCHAR PathId;
	UCHAR TargetId;
	UCHAR Lun;
	UCHAR ReservedAsUchar;
	ULONG DataTransferLength;
	ULONG TimeOutValue;
	ULONG ReservedAsUlong;
	ULONG_PTR DataBufferOffset;
	UCHAR PreviousTaskFile[8];
	UCHAR CurrentTaskFile[8];
} ATA_PASS_THROUGH_EX, *PATA_PASS_THROUGH_EX;

typedef struct _ATA_PASS_THROUGH_DIRECT {
	USHORT Length;
	USHORT AtaFlags;
	UCHAR PathId;
	UCHAR TargetId;
	UCHAR Lun;
	UCHAR ReservedAsUchar;
	ULONG DataTransferLength;
	ULONG TimeOutValue;
	ULONG ReservedAsUlong;
	PVOID DataBuffer;
	UCHAR PreviousTaskFile[8];
	UCHAR CurrentTaskFile[8];
} ATA_PASS_THROUGH_DIRECT, *PATA_PASS_THROUGH_DIRECT;

#endif /* _NTDDSCSIH_ */
