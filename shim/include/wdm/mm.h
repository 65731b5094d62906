/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/mm.h - the memory manager: device memory mappings, pageable sections.
 * Part of wdm.h: drivers include <wdm.h> or <ntddk.h>, not this file.
 */
#ifndef _NTSHIM_WDM_MM_H
#define _NTSHIM_WDM_MM_H

/* Pages (x64: 4 KiB). */
#ifndef NTSHIM_KERNEL_SIDE
#define PAGE_SIZE	0x1000
#define PAGE_SHIFT	12
#define PAGE_ALIGN(Va)		((PVOID)((ULONG_PTR)(Va) & ~(ULONG_PTR)0xfff))
#endif
#define BYTES_TO_PAGES(Size) \
	((ULONG)((ULONG_PTR)(Size) >> 12) + (((ULONG)(Size) & 0xfff) != 0))
#define ROUND_TO_PAGES(Size)	(((ULONG_PTR)(Size) + 0xfff) & ~(ULONG_PTR)0xfff)
#define BYTE_OFFSET(Va)		((ULONG)((LONG_PTR)(Va) & 0xfff))
#define ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size) \
	((ULONG)((((ULONG_PTR)(Size)) >> 12) + \
		 ((BYTE_OFFSET(Va) + ((ULONG)(Size) & 0xfff) + 0xfff) >> 12)))

/* Device memory mappings. */
typedef enum _MEMORY_CACHING_TYPE {
	MmNonCached,
	MmCached,
	MmWriteCombined,
	MmHardwareCoherentCached,
	MmNonCachedUnordered,
	MmUSWCCached,
	MmMaximumCacheType
} MEMORY_CACHING_TYPE;

NTKERNELAPI PVOID NTAPI MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
				     MEMORY_CACHING_TYPE CacheType);
NTKERNELAPI VOID NTAPI MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes);

/* Pageable sections: Linux never pages drivers; these keep count. */
NTKERNELAPI PVOID NTAPI MmLockPagableCodeSection(PVOID AddressWithinSection);
NTKERNELAPI PVOID NTAPI MmLockPagableDataSection(PVOID AddressWithinSection);
NTKERNELAPI VOID NTAPI MmLockPagableSectionByHandle(PVOID ImageSectionHandle);
NTKERNELAPI VOID NTAPI MmUnlockPagableImageSection(PVOID ImageSectionHandle);
NTKERNELAPI PVOID NTAPI MmPageEntireDriver(PVOID AddressWithinSection);
NTKERNELAPI VOID NTAPI MmResetDriverPaging(PVOID AddressWithinSection);

#endif /* _NTSHIM_WDM_MM_H */
