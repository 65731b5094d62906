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


/* Memory descriptor lists: the pages behind a buffer (PFNs follow the MDL). */
typedef struct _MDL MDL, *PMDL;
typedef ULONG_PTR PFN_NUMBER, *PPFN_NUMBER;

struct _MDL {
	struct _MDL *Next;
	CSHORT Size;
	CSHORT MdlFlags;
	struct _EPROCESS *Process;
	PVOID MappedSystemVa;
	PVOID StartVa;
	ULONG ByteCount;
	ULONG ByteOffset;
};

#define MDL_MAPPED_TO_SYSTEM_VA		0x0001
#define MDL_PAGES_LOCKED		0x0002
#define MDL_SOURCE_IS_NONPAGED_POOL	0x0004
#define MDL_ALLOCATED_FIXED_SIZE	0x0008
#define MDL_PARTIAL			0x0010
#define MDL_PARTIAL_HAS_BEEN_MAPPED	0x0020
#define MDL_IO_PAGE_READ		0x0040
#define MDL_WRITE_OPERATION		0x0080
#define MDL_LOCKED_PAGE_TABLES		0x0100
#define MDL_PARENT_MAPPED_SYSTEM_VA	MDL_LOCKED_PAGE_TABLES
#define MDL_FREE_EXTRA_PTES		0x0200
#define MDL_DESCRIBES_AWE		0x0400
#define MDL_IO_SPACE			0x0800
#define MDL_NETWORK_HEADER		0x1000
#define MDL_MAPPING_CAN_FAIL		0x2000
#define MDL_PAGE_CONTENTS_INVARIANT	0x4000
#define MDL_ALLOCATED_MUST_SUCCEED	MDL_PAGE_CONTENTS_INVARIANT
#define MDL_INTERNAL			0x8000
#define MDL_MAPPING_FLAGS (MDL_MAPPED_TO_SYSTEM_VA | MDL_PAGES_LOCKED | \
			   MDL_SOURCE_IS_NONPAGED_POOL | MDL_PARTIAL_HAS_BEEN_MAPPED | \
			   MDL_PARENT_MAPPED_SYSTEM_VA | MDL_IO_SPACE)

typedef enum _LOCK_OPERATION {
	IoReadAccess,
	IoWriteAccess,
	IoModifyAccess
} LOCK_OPERATION;

typedef enum _MM_PAGE_PRIORITY {
	LowPagePriority,
	NormalPagePriority = 16,
	HighPagePriority = 32
} MM_PAGE_PRIORITY;

/* ORed into a MM_PAGE_PRIORITY. */
#define MdlMappingNoWrite	0x80000000
#define MdlMappingNoExecute	0x40000000

#define MmGetMdlVirtualAddress(Mdl) \
	((PVOID)((PCHAR)((Mdl)->StartVa) + (Mdl)->ByteOffset))
#define MmGetMdlByteCount(Mdl)		((Mdl)->ByteCount)
#define MmGetMdlByteOffset(Mdl)		((Mdl)->ByteOffset)
#define MmGetMdlBaseVa(Mdl)		((Mdl)->StartVa)
#define MmGetMdlPfnArray(Mdl)		((PPFN_NUMBER)((Mdl) + 1))

NTKERNELAPI VOID NTAPI MmProbeAndLockPages(PMDL MemoryDescriptorList,
					   KPROCESSOR_MODE AccessMode,
					   LOCK_OPERATION Operation);
NTKERNELAPI VOID NTAPI MmUnlockPages(PMDL MemoryDescriptorList);
NTKERNELAPI VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList);
NTKERNELAPI PVOID NTAPI MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList,
						     KPROCESSOR_MODE AccessMode,
						     MEMORY_CACHING_TYPE CacheType,
						     PVOID RequestedAddress,
						     ULONG BugCheckOnFailure,
						     ULONG Priority);
NTKERNELAPI PVOID NTAPI MmMapLockedPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode);
NTKERNELAPI VOID NTAPI MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList);
NTKERNELAPI SIZE_T NTAPI MmSizeOfMdl(PVOID Base, SIZE_T Length);
NTKERNELAPI PMDL NTAPI MmCreateMdl(PMDL MemoryDescriptorList, PVOID Base, SIZE_T Length);
NTKERNELAPI VOID NTAPI MmInitializeMdl(PMDL MemoryDescriptorList, PVOID BaseVa, SIZE_T Length);
NTKERNELAPI PMDL NTAPI MmAllocatePagesForMdlEx(PHYSICAL_ADDRESS LowAddress,
					       PHYSICAL_ADDRESS HighAddress,
					       PHYSICAL_ADDRESS SkipBytes, SIZE_T TotalBytes,
					       MEMORY_CACHING_TYPE CacheType, ULONG Flags);
NTKERNELAPI PMDL NTAPI MmAllocatePagesForMdl(PHYSICAL_ADDRESS LowAddress,
					     PHYSICAL_ADDRESS HighAddress,
					     PHYSICAL_ADDRESS SkipBytes, SIZE_T TotalBytes);
NTKERNELAPI VOID NTAPI MmFreePagesFromMdl(PMDL MemoryDescriptorList);

/* MmAllocatePagesForMdlEx flags. */
#define MM_DONT_ZERO_ALLOCATION			0x00000001
#define MM_ALLOCATE_FROM_LOCAL_NODE_ONLY	0x00000002
#define MM_ALLOCATE_FULLY_REQUIRED		0x00000004
#define MM_ALLOCATE_NO_WAIT			0x00000008
#define MM_ALLOCATE_PREFER_CONTIGUOUS		0x00000010
#define MM_ALLOCATE_REQUIRE_CONTIGUOUS_CHUNKS	0x00000020

/* The system address of a locked or non-paged MDL, mapping it if needed. */
FORCEINLINE PVOID MmGetSystemAddressForMdlSafe(PMDL Mdl, ULONG Priority)
{
	if (Mdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL))
		return Mdl->MappedSystemVa;
	return MmMapLockedPagesSpecifyCache(Mdl, 0, MmCached, NULL, FALSE, Priority);
}

NTKERNELAPI PHYSICAL_ADDRESS NTAPI MmGetPhysicalAddress(PVOID BaseAddress);
NTKERNELAPI BOOLEAN NTAPI MmIsAddressValid(PVOID VirtualAddress);
NTKERNELAPI PVOID NTAPI MmGetSystemRoutineAddress(PUNICODE_STRING SystemRoutineName);
NTKERNELAPI PVOID NTAPI MmAllocateContiguousMemory(SIZE_T NumberOfBytes,
						   PHYSICAL_ADDRESS HighestAcceptableAddress);
NTKERNELAPI VOID NTAPI MmFreeContiguousMemory(PVOID BaseAddress);
NTKERNELAPI PVOID NTAPI MmAllocateNonCachedMemory(SIZE_T NumberOfBytes);
NTKERNELAPI VOID NTAPI MmFreeNonCachedMemory(PVOID BaseAddress, SIZE_T NumberOfBytes);

/* User buffers: checked before use (an exception on failure, in NT). */
NTKERNELAPI VOID NTAPI ProbeForRead(const volatile VOID *Address, SIZE_T Length,
				    ULONG Alignment);
NTKERNELAPI VOID NTAPI ProbeForWrite(volatile VOID *Address, SIZE_T Length, ULONG Alignment);

#endif /* _NTSHIM_WDM_MM_H */
