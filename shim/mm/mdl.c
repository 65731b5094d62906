// SPDX-License-Identifier: GPL-2.0
/*
 * Memory descriptor lists: the pages behind a buffer, NT's way of handing
 * a driver memory it may reach from any context (direct I/O).  An MDL is
 * NT's header followed by the page frame numbers, as drivers expect
 * (MmGetMdlPfnArray).
 *
 * MmProbeAndLockPages pins a user buffer's pages (pin_user_pages_fast, for
 * writing unless the operation only reads) or records a kernel buffer's;
 * MmMapLockedPagesSpecifyCache maps them into kernel space with vmap().
 * Mapping may sleep on Linux: at DISPATCH_LEVEL it fails (NULL), as NT's
 * may; the I/O manager maps the MDLs it builds before the driver sees them,
 * so MmGetSystemAddressForMdlSafe on those works at any level.  A probe
 * for a requester (UserMode) accepts what ProbeForRead does (the request's
 * own buffers); it raises STATUS_ACCESS_VIOLATION where it cannot lock.
 */
#include "mm.h"
#include "../ex/ex.h"
#include "../rtl/rtl.h"
#include <linux/hashtable.h>
#include <linux/io.h>
#include <linux/llist.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#define MDL_TAG		0x206c644d	/* "Mdl " */
/* ntshim's: the pages are pinned from a program's address space. */
#define MDL_USER_PINNED	MDL_INTERNAL
/* Mapped by its parent's mapping (IoBuildPartialMdl): never unmapped itself. */
#define MDL_BORROWED	MDL_PARENT_MAPPED_SYSTEM_VA

static ULONG mdl_pages(PMDL Mdl)
{
	return ADDRESS_AND_SIZE_TO_SPAN_PAGES(MmGetMdlVirtualAddress(Mdl), Mdl->ByteCount);
}

SIZE_T NTAPI MmSizeOfMdl(PVOID Base, SIZE_T Length)
{
	return sizeof(MDL) + ADDRESS_AND_SIZE_TO_SPAN_PAGES(Base, Length) * sizeof(PFN_NUMBER);
}
NTSHIM_EXPORT(MmSizeOfMdl);

void ntshim_mdl_init(PMDL Mdl, PVOID BaseVa, SIZE_T Length)
{
	Mdl->Next = NULL;
	Mdl->Size = (CSHORT)MmSizeOfMdl(BaseVa, Length);
	Mdl->MdlFlags = 0;
	Mdl->Process = NULL;
	Mdl->MappedSystemVa = NULL;
	Mdl->StartVa = (PVOID)((ULONG_PTR)BaseVa & ~(ULONG_PTR)(PAGE_SIZE - 1));
	Mdl->ByteOffset = BYTE_OFFSET(BaseVa);
	Mdl->ByteCount = (ULONG)Length;
}

VOID NTAPI MmInitializeMdl(PMDL MemoryDescriptorList, PVOID BaseVa, SIZE_T Length)
{
	ntshim_mdl_init(MemoryDescriptorList, BaseVa, Length);
}
NTSHIM_EXPORT(MmInitializeMdl);

/* An MDL of pool memory, for up to 4 GiB less a page, as NT's. */
PMDL ntshim_mdl_alloc(PVOID VirtualAddress, ULONG Length, const void *caller)
{
	SIZE_T size = MmSizeOfMdl(VirtualAddress, Length);
	PMDL mdl;

	if (!Length || Length > MAXULONG - PAGE_SIZE) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "IoAllocateMdl: %u bytes: refused", Length);
		return NULL;
	}
	mdl = ntshim_pool_alloc(NonPagedPoolNx, size, MDL_TAG, caller);
	if (!mdl)
		return NULL;
	ntshim_mdl_init(mdl, VirtualAddress, Length);
	mdl->MdlFlags = MDL_ALLOCATED_FIXED_SIZE;
	return mdl;
}

PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer,
			 BOOLEAN ChargeQuota, PIRP Irp)
{
	PMDL mdl, *link;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, NULL);
	mdl = ntshim_mdl_alloc(VirtualAddress, Length, (void *)_RET_IP_);
	if (!mdl || !Irp)
		return mdl;
	/* The IRP's first MDL, or the last of its chain. */
	link = &Irp->MdlAddress;
	if (SecondaryBuffer)
		while (*link)
			link = &(*link)->Next;
	*link = mdl;
	return mdl;
}
NTSHIM_EXPORT(IoAllocateMdl);

PMDL NTAPI MmCreateMdl(PMDL MemoryDescriptorList, PVOID Base, SIZE_T Length)
{
	PMDL mdl = MemoryDescriptorList;

	if (!mdl)
		return ntshim_mdl_alloc(Base, Length, (void *)_RET_IP_);
	ntshim_mdl_init(mdl, Base, Length);
	return mdl;
}
NTSHIM_EXPORT(MmCreateMdl);

/* The page of a kernel address: the direct map's, or vmalloc's (modules' too). */
static struct page *mdl_kernel_page(unsigned long addr)
{
	if (is_vmalloc_addr((void *)addr) || (addr >= MODULES_VADDR && addr < MODULES_END))
		return vmalloc_to_page((void *)addr);
	return virt_addr_valid((void *)addr) ? virt_to_page((void *)addr) : NULL;
}

/* Records a kernel buffer's pages; false if one is not memory. */
static bool mdl_kernel_pages(PMDL Mdl)
{
	unsigned long start = (unsigned long)Mdl->StartVa;
	PPFN_NUMBER pfn = MmGetMdlPfnArray(Mdl);
	ULONG i, n = mdl_pages(Mdl);

	for (i = 0; i < n; i++) {
		struct page *page = mdl_kernel_page(start + i * PAGE_SIZE);

		if (!page)
			return false;
		pfn[i] = page_to_pfn(page);
	}
	return true;
}

VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList)
{
	PMDL mdl = MemoryDescriptorList;

	if (!mdl || !mdl_kernel_pages(mdl)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"MmBuildMdlForNonPagedPool: %p does not describe kernel memory", mdl);
		return;
	}
	mdl->MappedSystemVa = MmGetMdlVirtualAddress(mdl);
	mdl->MdlFlags |= MDL_SOURCE_IS_NONPAGED_POOL;
}
NTSHIM_EXPORT(MmBuildMdlForNonPagedPool);

/* Pins a program's pages: writable unless the operation only reads them. */
static bool mdl_user_pages(PMDL Mdl, LOCK_OPERATION Operation)
{
	ULONG n = mdl_pages(Mdl), i;
	struct page **pages;
	long got;

	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return false;
	got = pin_user_pages_fast((unsigned long)Mdl->StartVa, n,
				  Operation == IoReadAccess ? 0 : FOLL_WRITE, pages);
	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		kvfree(pages);
		return false;
	}
	for (i = 0; i < n; i++)
		MmGetMdlPfnArray(Mdl)[i] = page_to_pfn(pages[i]);
	kvfree(pages);
	Mdl->MdlFlags |= MDL_USER_PINNED;
	if (Operation != IoReadAccess)
		Mdl->MdlFlags |= MDL_WRITE_OPERATION;
	return true;
}

/* Locks the pages the MDL describes; false (nothing locked) if it cannot. */
bool ntshim_mdl_lock(PMDL Mdl, LOCK_OPERATION Operation)
{
	unsigned long start = (unsigned long)MmGetMdlVirtualAddress(Mdl);
	bool user = start < TASK_SIZE_MAX;
	bool ok;

	if (Mdl->MdlFlags & (MDL_PAGES_LOCKED | MDL_SOURCE_IS_NONPAGED_POOL))
		return false;
	if (user)
		ok = access_ok((void __user *)start, Mdl->ByteCount) &&
		     mdl_user_pages(Mdl, Operation);
	else
		ok = mdl_kernel_pages(Mdl);
	if (!ok)
		return false;
	Mdl->MdlFlags |= MDL_PAGES_LOCKED;
	Mdl->Process = user ? (struct _EPROCESS *)current->group_leader : NULL;
	return true;
}

VOID NTAPI MmProbeAndLockPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode,
			       LOCK_OPERATION Operation)
{
	PMDL mdl = MemoryDescriptorList;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	if (!mdl || (mdl->MdlFlags & (MDL_PAGES_LOCKED | MDL_SOURCE_IS_NONPAGED_POOL))) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"MmProbeAndLockPages: MDL %p is NULL or locked already: left as it was",
				mdl);
		return;
	}
	/* For a requester, only what its probes accept (ex/exception.c). */
	if ((AccessMode == UserMode &&
	     !ntshim_seh_window(MmGetMdlVirtualAddress(mdl), mdl->ByteCount)) ||
	    !ntshim_mdl_lock(mdl, Operation))
		ntshim_seh_raise(STATUS_ACCESS_VIOLATION, (void *)_RET_IP_);
}
NTSHIM_EXPORT(MmProbeAndLockPages);

/* The system address of a locked MDL; NULL if it cannot be mapped here. */
PVOID ntshim_mdl_map(PMDL Mdl)
{
	ULONG n = mdl_pages(Mdl), i;
	struct page **pages;
	void *va;

	if (Mdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL))
		return Mdl->MappedSystemVa;
	if (!(Mdl->MdlFlags & MDL_PAGES_LOCKED) || !preemptible())
		return NULL;
	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return NULL;
	for (i = 0; i < n; i++)
		pages[i] = pfn_to_page(MmGetMdlPfnArray(Mdl)[i]);
	va = vmap(pages, n, VM_MAP, PAGE_KERNEL);
	kvfree(pages);
	if (!va)
		return NULL;
	Mdl->MappedSystemVa = (char *)va + Mdl->ByteOffset;
	Mdl->MdlFlags |= MDL_MAPPED_TO_SYSTEM_VA;
	return Mdl->MappedSystemVa;
}

PVOID NTAPI MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode,
					 MEMORY_CACHING_TYPE CacheType, PVOID RequestedAddress,
					 ULONG BugCheckOnFailure, ULONG Priority)
{
	PVOID va;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, NULL);
	if (!MemoryDescriptorList || AccessMode != KernelMode) {
		ntshim_complain(NTC_UNSUPPORTED, (void *)_RET_IP_,
				"MmMapLockedPagesSpecifyCache: %s: refused",
				MemoryDescriptorList ? "a mapping into a program" : "no MDL");
		return NULL;
	}
	va = ntshim_mdl_map(MemoryDescriptorList);
	if (!va)
		ntshim_complain(NTC_NO_MEMORY, (void *)_RET_IP_,
				"MDL %p not mapped (%s)", MemoryDescriptorList,
				!(MemoryDescriptorList->MdlFlags & MDL_PAGES_LOCKED) ?
				"its pages are not locked" :
				!preemptible() ? "mapping sleeps: not at DISPATCH_LEVEL" :
				"no memory");
	return va;
}
NTSHIM_EXPORT(MmMapLockedPagesSpecifyCache);

PVOID NTAPI MmMapLockedPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, NULL);
	if (!MemoryDescriptorList || AccessMode != KernelMode)
		return NULL;
	return ntshim_mdl_map(MemoryDescriptorList);
}
NTSHIM_EXPORT(MmMapLockedPages);

void ntshim_mdl_unmap(PMDL Mdl)
{
	if (!(Mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA))
		return;
	if (!(Mdl->MdlFlags & MDL_BORROWED))
		vunmap((void *)((ULONG_PTR)Mdl->MappedSystemVa & PAGE_MASK));
	Mdl->MdlFlags &= ~(MDL_MAPPED_TO_SYSTEM_VA | MDL_BORROWED);
	Mdl->MappedSystemVa = NULL;
}

VOID NTAPI MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	if (!MemoryDescriptorList || BaseAddress != MemoryDescriptorList->MappedSystemVa) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"MmUnmapLockedPages: %p is not the mapping of MDL %p: ignored",
				BaseAddress, MemoryDescriptorList);
		return;
	}
	ntshim_mdl_unmap(MemoryDescriptorList);
}
NTSHIM_EXPORT(MmUnmapLockedPages);

void ntshim_mdl_unlock(PMDL Mdl)
{
	ULONG n = mdl_pages(Mdl), i;
	bool dirty = Mdl->MdlFlags & MDL_WRITE_OPERATION;

	ntshim_mdl_unmap(Mdl);
	if (Mdl->MdlFlags & MDL_USER_PINNED)
		for (i = 0; i < n; i++)
			unpin_user_pages_dirty_lock(&(struct page *){
				pfn_to_page(MmGetMdlPfnArray(Mdl)[i]) }, 1, dirty);
	Mdl->MdlFlags &= ~(MDL_PAGES_LOCKED | MDL_USER_PINNED | MDL_WRITE_OPERATION);
	Mdl->Process = NULL;
}

VOID NTAPI MmUnlockPages(PMDL MemoryDescriptorList)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	if (!MemoryDescriptorList || !(MemoryDescriptorList->MdlFlags & MDL_PAGES_LOCKED)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"MmUnlockPages: MDL %p is not locked: ignored", MemoryDescriptorList);
		return;
	}
	ntshim_mdl_unlock(MemoryDescriptorList);
}
NTSHIM_EXPORT(MmUnlockPages);

/* An MDL the I/O manager made for a request, done with: unlocked, unmapped, freed. */
void ntshim_mdl_free(PMDL mdl)
{
	if (!mdl)
		return;
	ntshim_mdl_unlock(mdl);
	ntshim_pool_free(mdl, 0, false, NULL);
}

/* NT asks for an unlocked MDL; one left locked or mapped is undone first. */
VOID NTAPI IoFreeMdl(PMDL Mdl)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	if (!Mdl)
		return;
	if (Mdl->MdlFlags & (MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA)) {
		ntshim_complain(NTC_LIVE_AT_FREE, (void *)_RET_IP_,
				"IoFreeMdl: MDL %p still locked or mapped: undone first", Mdl);
		if (preemptible())
			ntshim_mdl_unlock(Mdl);
	}
	ntshim_pool_free(Mdl, MDL_TAG, true, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoFreeMdl);

/* The target describes part of the source's buffer, with its pages (and mapping). */
VOID NTAPI IoBuildPartialMdl(PMDL SourceMdl, PMDL TargetMdl, PVOID VirtualAddress, ULONG Length)
{
	ULONG_PTR base, offset;
	ULONG first, n;

	if (!SourceMdl || !TargetMdl)
		return;
	base = (ULONG_PTR)MmGetMdlVirtualAddress(SourceMdl);
	offset = (ULONG_PTR)VirtualAddress - base;
	if (!Length)
		Length = SourceMdl->ByteCount - offset;
	if ((ULONG_PTR)VirtualAddress < base || offset + Length > SourceMdl->ByteCount) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"IoBuildPartialMdl: %p..+%u is outside the source MDL", VirtualAddress,
				Length);
		return;
	}
	ntshim_mdl_init(TargetMdl, VirtualAddress, Length);
	first = ((ULONG_PTR)TargetMdl->StartVa - (ULONG_PTR)SourceMdl->StartVa) >> PAGE_SHIFT;
	n = mdl_pages(TargetMdl);
	memcpy(MmGetMdlPfnArray(TargetMdl), MmGetMdlPfnArray(SourceMdl) + first,
	       n * sizeof(PFN_NUMBER));
	TargetMdl->MdlFlags = MDL_ALLOCATED_FIXED_SIZE | MDL_PARTIAL |
			      (SourceMdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL);
	if (SourceMdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) {
		TargetMdl->MappedSystemVa = (char *)SourceMdl->MappedSystemVa + offset;
		if (SourceMdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA)
			TargetMdl->MdlFlags |= MDL_MAPPED_TO_SYSTEM_VA | MDL_BORROWED;
	}
}
NTSHIM_EXPORT(IoBuildPartialMdl);

/*
 * Physical pages for a driver (MmAllocatePagesForMdl, MmAllocatePagesForMdlEx):
 * an MDL of pages no virtual address describes, locked and not mapped; the
 * driver maps them (MmMapLockedPagesSpecifyCache) and gives them back with
 * MmFreePagesFromMdl before it frees the MDL.  ntshim keeps its own record
 * of the pages, since a driver may write the MDL, and takes back at unload
 * the pages its driver never gave back.  Pages come from the zone below
 * HighAddress (DMA below 16 MiB, DMA32 below 4 GiB); one outside
 * [LowAddress, HighAddress] ends the allocation there, and the MDL
 * describes what was allocated before it, as NT allows.  SkipBytes is not
 * used: the page allocator picks the pages.
 */
struct mdl_alloc {
	struct hlist_node node;
	struct llist_node dead;		/* waiting for mdl_allocs_reap */
	PMDL mdl;
	struct module *owner;		/* the driver's, for unload */
	const void *site;
	ULONG count;
	struct page *pages[];
};

static DEFINE_HASHTABLE(mdl_allocs, 5);
static DEFINE_RAW_SPINLOCK(mdl_allocs_lock);
static LLIST_HEAD(mdl_allocs_dead);

/* Freeing pages takes locks that sleep on PREEMPT_RT: from a worker then. */
static void mdl_alloc_release(struct mdl_alloc *a)
{
	ULONG i;

	for (i = 0; i < a->count; i++)
		__free_page(a->pages[i]);
	kvfree(a);
}

static void mdl_allocs_reap(struct work_struct *work)
{
	struct llist_node *n = llist_del_all(&mdl_allocs_dead), *next;

	for (; n; n = next) {
		next = n->next;
		mdl_alloc_release(llist_entry(n, struct mdl_alloc, dead));
	}
}

static DECLARE_WORK(mdl_allocs_work, mdl_allocs_reap);

static void mdl_alloc_free(struct mdl_alloc *a)
{
	if (preemptible()) {
		mdl_alloc_release(a);
		return;
	}
	llist_add(&a->dead, &mdl_allocs_dead);
	schedule_work(&mdl_allocs_work);
}

static gfp_t mdl_alloc_gfp(ULONGLONG high, ULONG flags, bool atomic)
{
	gfp_t gfp = (atomic ? GFP_ATOMIC : GFP_KERNEL) | __GFP_NOWARN;

	if (!(flags & MM_DONT_ZERO_ALLOCATION))
		gfp |= __GFP_ZERO;
	if (IS_ENABLED(CONFIG_ZONE_DMA) && high < (16ULL << 20))
		gfp |= GFP_DMA;
	else if (IS_ENABLED(CONFIG_ZONE_DMA32) && high < (4ULL << 30))
		gfp |= GFP_DMA32;
	return gfp;
}

static PMDL mdl_alloc_pages(PHYSICAL_ADDRESS low, PHYSICAL_ADDRESS high, SIZE_T bytes,
			    ULONG flags, const void *caller)
{
	/* As many pages as an MDL's Size can describe. */
	SIZE_T most = (MAXSHORT - sizeof(MDL)) / sizeof(PFN_NUMBER);
	SIZE_T want = min_t(SIZE_T, BYTES_TO_PAGES(bytes), most), n;
	bool atomic = !preemptible();
	struct ntshim_image *img;
	struct mdl_alloc *a;
	unsigned long irqflags;
	struct page *page;
	gfp_t gfp;
	PMDL mdl;

	if (!bytes || (ULONGLONG)high.QuadPart < (ULONGLONG)low.QuadPart)
		return NULL;
	if (flags & MM_ALLOCATE_REQUIRE_CONTIGUOUS_CHUNKS) {
		ntshim_complain(NTC_UNSUPPORTED, caller,
				"MmAllocatePagesForMdlEx: MM_ALLOCATE_REQUIRE_CONTIGUOUS_CHUNKS: refused");
		return NULL;
	}
	/* No waiting (MM_ALLOCATE_NO_WAIT, DISPATCH_LEVEL) is no allocation on PREEMPT_RT. */
	if (atomic && IS_ENABLED(CONFIG_PREEMPT_RT))
		return NULL;
	a = atomic ? kzalloc(struct_size(a, pages, want), GFP_ATOMIC | __GFP_NOWARN) :
		     kvzalloc(struct_size(a, pages, want), GFP_KERNEL);
	if (!a)
		return NULL;
	gfp = mdl_alloc_gfp(high.QuadPart, flags, atomic);
	for (n = 0; n < want; n++) {
		page = alloc_page(gfp);
		if (page && (page_to_phys(page) < (ULONGLONG)low.QuadPart ||
			     page_to_phys(page) + PAGE_SIZE - 1 > (ULONGLONG)high.QuadPart)) {
			__free_page(page);
			page = NULL;
		}
		if (!page)
			break;
		a->pages[n] = page;
	}
	a->count = n;
	mdl = n && (n == want || !(flags & MM_ALLOCATE_FULLY_REQUIRED)) ?
	      ntshim_pool_alloc(NonPagedPoolNx, sizeof(MDL) + n * sizeof(PFN_NUMBER), MDL_TAG,
				caller) : NULL;
	if (!mdl) {
		mdl_alloc_free(a);
		return NULL;
	}
	ntshim_mdl_init(mdl, NULL, n * PAGE_SIZE);
	mdl->MdlFlags = MDL_PAGES_LOCKED | MDL_ALLOCATED_FIXED_SIZE;
	for (n = 0; n < a->count; n++)
		MmGetMdlPfnArray(mdl)[n] = page_to_pfn(a->pages[n]);
	img = ntshim_image_at(caller);
	a->owner = img ? img->module : NULL;
	a->site = caller;
	a->mdl = mdl;
	raw_spin_lock_irqsave(&mdl_allocs_lock, irqflags);
	hash_add(mdl_allocs, &a->node, (unsigned long)mdl);
	raw_spin_unlock_irqrestore(&mdl_allocs_lock, irqflags);
	return mdl;
}

PMDL NTAPI MmAllocatePagesForMdlEx(PHYSICAL_ADDRESS LowAddress, PHYSICAL_ADDRESS HighAddress,
				   PHYSICAL_ADDRESS SkipBytes, SIZE_T TotalBytes,
				   MEMORY_CACHING_TYPE CacheType, ULONG Flags)
{
	/* Waiting for memory needs APC_LEVEL or below; MM_ALLOCATE_NO_WAIT does not. */
	if (Flags & MM_ALLOCATE_NO_WAIT)
		NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, NULL);
	else
		NTSHIM_REQUIRE_IRQL(APC_LEVEL, NULL);
	return mdl_alloc_pages(LowAddress, HighAddress, TotalBytes, Flags, (void *)_RET_IP_);
}
NTSHIM_EXPORT(MmAllocatePagesForMdlEx);

PMDL NTAPI MmAllocatePagesForMdl(PHYSICAL_ADDRESS LowAddress, PHYSICAL_ADDRESS HighAddress,
				 PHYSICAL_ADDRESS SkipBytes, SIZE_T TotalBytes)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, NULL);
	return mdl_alloc_pages(LowAddress, HighAddress, TotalBytes, 0, (void *)_RET_IP_);
}
NTSHIM_EXPORT(MmAllocatePagesForMdl);

/*
 * The MDL still describes the record's pages: one freed with its pages kept
 * leaves its record behind, and a new MDL may come at the same address.
 */
static bool mdl_alloc_describes(struct mdl_alloc *a, PMDL mdl)
{
	ULONG i;

	if (!(mdl->MdlFlags & MDL_PAGES_LOCKED) || mdl->ByteCount != a->count * PAGE_SIZE)
		return false;
	for (i = 0; i < a->count; i++)
		if (MmGetMdlPfnArray(mdl)[i] != page_to_pfn(a->pages[i]))
			return false;
	return true;
}

VOID NTAPI MmFreePagesFromMdl(PMDL MemoryDescriptorList)
{
	struct mdl_alloc *a, *found = NULL;
	unsigned long flags;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	if (!MemoryDescriptorList) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_, "MmFreePagesFromMdl: no MDL");
		return;
	}
	raw_spin_lock_irqsave(&mdl_allocs_lock, flags);
	hash_for_each_possible(mdl_allocs, a, node, (unsigned long)MemoryDescriptorList)
		if (a->mdl == MemoryDescriptorList && mdl_alloc_describes(a, MemoryDescriptorList)) {
			hash_del(&a->node);
			found = a;
			break;
		}
	raw_spin_unlock_irqrestore(&mdl_allocs_lock, flags);
	if (!found) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"MmFreePagesFromMdl: MDL %p has no pages from MmAllocatePagesForMdl: ignored",
				MemoryDescriptorList);
		return;
	}
	if (MemoryDescriptorList->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA) {
		ntshim_complain(NTC_LIVE_AT_FREE, (void *)_RET_IP_,
				"MmFreePagesFromMdl: MDL %p still mapped: unmapped first",
				MemoryDescriptorList);
		if (preemptible())
			ntshim_mdl_unmap(MemoryDescriptorList);
	}
	MemoryDescriptorList->MdlFlags &= ~MDL_PAGES_LOCKED;
	mdl_alloc_free(found);
}
NTSHIM_EXPORT(MmFreePagesFromMdl);

/* A driver unloads: the pages it never gave back go (its MDLs are pool's to reclaim). */
static int mdl_image_gone(struct notifier_block *nb, unsigned long action, void *data)
{
	struct mdl_alloc *a, *found;
	unsigned int bkt, pages = 0;
	const void *site = NULL;
	unsigned long flags;

	do {
		found = NULL;
		raw_spin_lock_irqsave(&mdl_allocs_lock, flags);
		hash_for_each(mdl_allocs, bkt, a, node)
			if (a->owner == data) {
				hash_del(&a->node);
				found = a;
				break;
			}
		raw_spin_unlock_irqrestore(&mdl_allocs_lock, flags);
		if (found) {
			site = found->site;
			pages += found->count;
			mdl_alloc_free(found);
		}
	} while (found);
	if (pages)
		ntshim_complain(NTC_UNLOAD_LEFTOVER, site,
				"unloaded with %u page(s) from MmAllocatePagesForMdl not given back: freed",
				pages);
	return NOTIFY_DONE;
}

static struct notifier_block mdl_image_nb = { .notifier_call = mdl_image_gone };

int ntshim_mdl_pages_init(void)
{
	blocking_notifier_chain_register(&ntshim_image_gone_chain, &mdl_image_nb);
	return 0;
}

void ntshim_mdl_pages_exit(void)
{
	blocking_notifier_chain_unregister(&ntshim_image_gone_chain, &mdl_image_nb);
	flush_work(&mdl_allocs_work);
}
