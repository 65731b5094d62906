// SPDX-License-Identifier: GPL-2.0
/*
 * Memory manager: mapping device memory, MmMapIoSpace and MmUnmapIoSpace.
 */
#include "mm.h"
#include <linux/io.h>

PVOID NTAPI MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
			 MEMORY_CACHING_TYPE CacheType)
{
	resource_size_t phys = PhysicalAddress.QuadPart;
	void __iomem *p;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, NULL);
	if (!NumberOfBytes)
		return NULL;
	switch (CacheType) {
	case MmCached:
		p = ioremap_cache(phys, NumberOfBytes);
		break;
	case MmWriteCombined:
		p = ioremap_wc(phys, NumberOfBytes);
		break;
	default:
		p = ioremap(phys, NumberOfBytes);
		break;
	}
	if (!p)
		ntshim_complain(NTC_NO_MEMORY, (void *)_RET_IP_, "MmMapIoSpace: cannot map %#llx (%zu bytes)",
				(unsigned long long)phys, (size_t)NumberOfBytes);
	return (__force PVOID)p;
}
NTSHIM_EXPORT(MmMapIoSpace);

VOID NTAPI MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes)
{
	if (BaseAddress)
		iounmap((__force void __iomem *)BaseAddress);
}
NTSHIM_EXPORT(MmUnmapIoSpace);
