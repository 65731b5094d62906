/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/hal.h - the hardware abstraction layer: device registers and I/O ports.
 * Part of wdm.h: drivers include <wdm.h> or <ntddk.h>, not this file.
 */
#ifndef _NTSHIM_WDM_HAL_H
#define _NTSHIM_WDM_HAL_H

/* Buses, as legacy drivers name them to the HAL. */
typedef enum _INTERFACE_TYPE {
	InterfaceTypeUndefined = -1,
	Internal,
	Isa,
	Eisa,
	MicroChannel,
	TurboChannel,
	PCIBus,
	VMEBus,
	NuBus,
	PCMCIABus,
	CBus,
	MPIBus,
	MPSABus,
	ProcessorInternal,
	InternalPowerBus,
	PNPISABus,
	PNPBus,
	Vmcs,
	ACPIBus,
	MaximumInterfaceType
} INTERFACE_TYPE, *PINTERFACE_TYPE;

/* Register accesses are single volatile loads and stores (x86: uncached MMIO). */
#define NTSHIM_MMIO_READ(type, name)					\
	FORCEINLINE type name(volatile type *Register)			\
	{								\
		type v = *Register;					\
		__asm__ __volatile__("" ::: "memory");			\
		return v;						\
	}
#define NTSHIM_MMIO_WRITE(type, name)					\
	FORCEINLINE VOID name(volatile type *Register, type Value)	\
	{								\
		__asm__ __volatile__("" ::: "memory");			\
		*Register = Value;					\
	}
#define NTSHIM_MMIO_READ_BUFFER(type, name)				\
	FORCEINLINE VOID name(volatile type *Register, type *Buffer, ULONG Count) \
	{								\
		while (Count--)						\
			*Buffer++ = *Register;				\
		__asm__ __volatile__("" ::: "memory");			\
	}
#define NTSHIM_MMIO_WRITE_BUFFER(type, name)				\
	FORCEINLINE VOID name(volatile type *Register, type *Buffer, ULONG Count) \
	{								\
		__asm__ __volatile__("" ::: "memory");			\
		while (Count--)						\
			*Register = *Buffer++;				\
	}
NTSHIM_MMIO_READ(UCHAR, READ_REGISTER_UCHAR)
NTSHIM_MMIO_READ(USHORT, READ_REGISTER_USHORT)
NTSHIM_MMIO_READ(ULONG, READ_REGISTER_ULONG)
NTSHIM_MMIO_READ(ULONG64, READ_REGISTER_ULONG64)
NTSHIM_MMIO_WRITE(UCHAR, WRITE_REGISTER_UCHAR)
NTSHIM_MMIO_WRITE(USHORT, WRITE_REGISTER_USHORT)
NTSHIM_MMIO_WRITE(ULONG, WRITE_REGISTER_ULONG)
NTSHIM_MMIO_WRITE(ULONG64, WRITE_REGISTER_ULONG64)
NTSHIM_MMIO_READ_BUFFER(UCHAR, READ_REGISTER_BUFFER_UCHAR)
NTSHIM_MMIO_READ_BUFFER(USHORT, READ_REGISTER_BUFFER_USHORT)
NTSHIM_MMIO_READ_BUFFER(ULONG, READ_REGISTER_BUFFER_ULONG)
NTSHIM_MMIO_WRITE_BUFFER(UCHAR, WRITE_REGISTER_BUFFER_UCHAR)
NTSHIM_MMIO_WRITE_BUFFER(USHORT, WRITE_REGISTER_BUFFER_USHORT)
NTSHIM_MMIO_WRITE_BUFFER(ULONG, WRITE_REGISTER_BUFFER_ULONG)

/* x86 port I/O: the port number is the low 16 bits of the "address". */
FORCEINLINE UCHAR READ_PORT_UCHAR(PUCHAR Port)
{
	UCHAR v;

	__asm__ __volatile__("inb %w1, %b0" : "=a"(v) : "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
	return v;
}

FORCEINLINE USHORT READ_PORT_USHORT(PUSHORT Port)
{
	USHORT v;

	__asm__ __volatile__("inw %w1, %w0" : "=a"(v) : "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
	return v;
}

FORCEINLINE ULONG READ_PORT_ULONG(PULONG Port)
{
	ULONG v;

	__asm__ __volatile__("inl %w1, %0" : "=a"(v) : "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
	return v;
}

FORCEINLINE VOID WRITE_PORT_UCHAR(PUCHAR Port, UCHAR Value)
{
	__asm__ __volatile__("outb %b0, %w1" : : "a"(Value), "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
}

FORCEINLINE VOID WRITE_PORT_USHORT(PUSHORT Port, USHORT Value)
{
	__asm__ __volatile__("outw %w0, %w1" : : "a"(Value), "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
}

FORCEINLINE VOID WRITE_PORT_ULONG(PULONG Port, ULONG Value)
{
	__asm__ __volatile__("outl %0, %w1" : : "a"(Value), "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
}

#define NTSHIM_PORT_BUFFER(type, rd, wr, rdb, wrb)			\
	FORCEINLINE VOID rdb(type *Port, type *Buffer, ULONG Count)	\
	{								\
		while (Count--)						\
			*Buffer++ = rd(Port);				\
	}								\
	FORCEINLINE VOID wrb(type *Port, type *Buffer, ULONG Count)	\
	{								\
		while (Count--)						\
			wr(Port, *Buffer++);				\
	}
NTSHIM_PORT_BUFFER(UCHAR, READ_PORT_UCHAR, WRITE_PORT_UCHAR,
		   READ_PORT_BUFFER_UCHAR, WRITE_PORT_BUFFER_UCHAR)
NTSHIM_PORT_BUFFER(USHORT, READ_PORT_USHORT, WRITE_PORT_USHORT,
		   READ_PORT_BUFFER_USHORT, WRITE_PORT_BUFFER_USHORT)
NTSHIM_PORT_BUFFER(ULONG, READ_PORT_ULONG, WRITE_PORT_ULONG,
		   READ_PORT_BUFFER_ULONG, WRITE_PORT_BUFFER_ULONG)

/* The generators above are not WDK names. */
#undef NTSHIM_MMIO_READ
#undef NTSHIM_MMIO_WRITE
#undef NTSHIM_MMIO_READ_BUFFER
#undef NTSHIM_MMIO_WRITE_BUFFER
#undef NTSHIM_PORT_BUFFER

#endif /* _NTSHIM_WDM_HAL_H */
