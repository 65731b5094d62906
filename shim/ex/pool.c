// SPDX-License-Identifier: GPL-2.0
/*
 * Executive pool: ExAllocatePoolWithTag and friends.
 *
 * Every block carries a small header (tag, size, the raw allocation) and is
 * entered in a hash of live blocks, so ExFreePool never reads memory it did
 * not hand out or has taken back (a second free, an MmMapIoSpace address, a
 * pointer into the middle of something), and so ntshim can count what
 * drivers still hold.  Nothing is ever paged on Linux: PagedPool and
 * NonPagedPool differ only in the IRQL they may be allocated at.
 *
 * At DISPATCH_LEVEL and above, PREEMPT_RT's slab allocator cannot be used
 * (its locks sleep), so there atomic allocations come from small per-size
 * reserves that a worker refills, and atomic frees are deferred.
 */
#include "ex.h"
#include "../ke/ke.h"
#include <linux/cache.h>
#include <linux/hash.h>
#include <linux/llist.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#define POOL_ALIGN		16		/* NT's x64 pool alignment */
#define POOL_TAG_PROTECTED	0x80000000U

struct pool_header {
	union {
		struct hlist_node live;		/* in pool_live while allocated */
		struct llist_node deferred;	/* while waiting for a deferred free */
	};
	void *base;
	size_t size;
	u32 tag;
};

/* The live blocks, by address; striped locks, usable at any IRQL. */
#define POOL_LIVE_BITS	10
struct pool_bucket {
	raw_spinlock_t lock;
	struct hlist_head blocks;
};
static struct pool_bucket pool_live[1 << POOL_LIVE_BITS];

static struct pool_bucket *pool_bucket_of(const void *p)
{
	return &pool_live[hash_ptr(p, POOL_LIVE_BITS)];
}

static void pool_live_add(struct pool_header *hdr)
{
	struct pool_bucket *b = pool_bucket_of(hdr + 1);
	unsigned long flags;

	raw_spin_lock_irqsave(&b->lock, flags);
	hlist_add_head(&hdr->live, &b->blocks);
	raw_spin_unlock_irqrestore(&b->lock, flags);
}

/* Takes the block out of the live set; NULL if p is not a live block. */
static struct pool_header *pool_live_take(const void *p)
{
	struct pool_bucket *b = pool_bucket_of(p);
	struct pool_header *hdr, *found = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&b->lock, flags);
	hlist_for_each_entry(hdr, &b->blocks, live)
		if (hdr + 1 == p) {
			hlist_del(&hdr->live);
			found = hdr;
			break;
		}
	raw_spin_unlock_irqrestore(&b->lock, flags);
	return found;
}

static atomic_long_t pool_blocks = ATOMIC_LONG_INIT(0);
static atomic_long_t pool_bytes = ATOMIC_LONG_INIT(0);

/* NT tags untagged allocations "None". */
#define POOL_TAG_NONE	0x656e6f4e

/* Flags a driver may OR into a POOL_TYPE. */
#define POOL_TYPE_FLAGS	(POOL_QUOTA_FAIL_INSTEAD_OF_RAISE | POOL_RAISE_IF_ALLOCATION_FAILURE | \
			 POOL_COLD_ALLOCATION | POOL_ZERO_ALLOCATION)

static bool pool_type_paged(POOL_TYPE type)
{
	return (type & 1) && type < MaxPoolType;
}

static size_t pool_type_align(POOL_TYPE type)
{
	return (type & 4) ? L1_CACHE_BYTES : POOL_ALIGN;
}

#define RESERVE_CLASSES	8		/* 64 bytes to 8 KiB */
#define RESERVE_DEPTH	32

struct pool_reserve {
	raw_spinlock_t lock;
	unsigned int count;
	void *blocks[RESERVE_DEPTH];
};

static struct pool_reserve pool_reserves[RESERVE_CLASSES];

static size_t reserve_size(int class)
{
	return 64UL << class;
}

/* The smallest reserve that holds size bytes; RESERVE_CLASSES if none. */
static int reserve_class(size_t size)
{
	int class;

	for (class = 0; class < RESERVE_CLASSES && reserve_size(class) < size; class++)
		;
	return class;
}

static void pool_reserve_refill(struct work_struct *work)
{
	struct pool_reserve *r;
	unsigned long flags;
	void *block;
	int class;

	for (class = 0; class < RESERVE_CLASSES; class++) {
		r = &pool_reserves[class];
		while (READ_ONCE(r->count) < RESERVE_DEPTH) {
			block = kmalloc(reserve_size(class), GFP_KERNEL);
			if (!block)
				return;
			raw_spin_lock_irqsave(&r->lock, flags);
			if (r->count < RESERVE_DEPTH) {
				r->blocks[r->count++] = block;
				block = NULL;
			}
			raw_spin_unlock_irqrestore(&r->lock, flags);
			kfree(block);
		}
	}
}
static DECLARE_WORK(pool_refill_work, pool_reserve_refill);

static void *pool_reserve_take(size_t size)
{
	struct pool_reserve *r;
	void *block = NULL;
	unsigned long flags;
	int class;

	class = reserve_class(size);
	if (class == RESERVE_CLASSES) {
		ntshim_complain(NTC_POOL_RESERVE, NULL,
				"%zu bytes at DISPATCH_LEVEL: above PREEMPT_RT's atomic reserve", size);
		return NULL;
	}
	r = &pool_reserves[class];
	raw_spin_lock_irqsave(&r->lock, flags);
	if (r->count)
		block = r->blocks[--r->count];
	raw_spin_unlock_irqrestore(&r->lock, flags);
	schedule_work(&pool_refill_work);
	return block;
}

/* A block of exactly a reserve's size goes back to it while there is room. */
static bool pool_reserve_give(void *block)
{
	size_t size = ksize(block);
	struct pool_reserve *r;
	unsigned long flags;
	bool taken = false;
	int class;

	class = reserve_class(size);
	if (class == RESERVE_CLASSES || reserve_size(class) != size)
		return false;
	r = &pool_reserves[class];
	raw_spin_lock_irqsave(&r->lock, flags);
	if (r->count < RESERVE_DEPTH) {
		r->blocks[r->count++] = block;
		taken = true;
	}
	raw_spin_unlock_irqrestore(&r->lock, flags);
	return taken;
}

static void *pool_raw_alloc(size_t size, bool atomic)
{
	if (atomic && IS_ENABLED(CONFIG_PREEMPT_RT))
		return pool_reserve_take(size);
	if (atomic)
		return kmalloc(size, GFP_ATOMIC | __GFP_NOWARN);
	return kvmalloc(size, GFP_KERNEL | __GFP_NOWARN);
}

/*
 * Some frees cannot happen at once: vfree() may sleep, and a block that still
 * holds a live DPC or timer must have it stopped first, which waits for a
 * running callback.  At DISPATCH_LEVEL and above such blocks wait on a list
 * for a worker.
 */
static LLIST_HEAD(pool_deferred);

static void pool_release(struct pool_header *hdr)
{
	struct ntshim_track_sel sel = NTSHIM_TRACK_RANGE(hdr + 1, hdr->size);

	ntshim_quiesce(&sel);
	kvfree(hdr->base);
}

static void pool_deferred_free(struct work_struct *work)
{
	struct pool_header *hdr, *next;

	llist_for_each_entry_safe(hdr, next, llist_del_all(&pool_deferred), deferred)
		pool_release(hdr);
}
static DECLARE_WORK(pool_deferred_work, pool_deferred_free);

static void pool_raw_free(struct pool_header *hdr)
{
	struct ntshim_track_sel sel = NTSHIM_TRACK_RANGE(hdr + 1, hdr->size);
	bool objects = ntshim_tracked_in(hdr + 1, hdr->size);
	bool atomic = ntshim_current_irql() >= DISPATCH_LEVEL;

	if (!objects && !is_vmalloc_addr(hdr->base)) {
		if (!atomic || !IS_ENABLED(CONFIG_PREEMPT_RT)) {
			kfree(hdr->base);
			return;
		}
		if (pool_reserve_give(hdr->base))
			return;
	}
	if (!atomic) {
		pool_release(hdr);
		return;
	}
	/* Nothing in the block may run from now on; the waiting comes later. */
	ntshim_stop(&sel);
	if (llist_add(&hdr->deferred, &pool_deferred))
		schedule_work(&pool_deferred_work);
}

PVOID ntshim_pool_alloc(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
			const void *caller)
{
	bool atomic = ntshim_current_irql() >= DISPATCH_LEVEL;
	bool zero = PoolType & POOL_ZERO_ALLOCATION;
	struct pool_header *hdr;
	size_t total, align;
	void *base;
	char *p;

	PoolType &= ~POOL_TYPE_FLAGS;
	align = pool_type_align(PoolType);
	if (atomic && pool_type_paged(PoolType)) {
		ntshim_complain(NTC_POOL_PAGED_ATOMIC, caller,
				"ExAllocatePoolWithTag: paged pool at IRQL %u (tag 0x%08x): refused",
				ntshim_current_irql(), Tag);
		return NULL;
	}
	if (check_add_overflow(NumberOfBytes, sizeof(*hdr) + align, &total))
		return NULL;
	base = pool_raw_alloc(total, atomic);
	if (!base)
		return NULL;

	p = PTR_ALIGN((char *)base + sizeof(*hdr), align);
	hdr = (struct pool_header *)p - 1;
	hdr->base = base;
	hdr->tag = Tag & ~POOL_TAG_PROTECTED;
	hdr->size = NumberOfBytes;
	pool_live_add(hdr);
	atomic_long_inc(&pool_blocks);
	atomic_long_add(NumberOfBytes, &pool_bytes);
	if (zero)
		memset(p, 0, NumberOfBytes);
	return p;
}

PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
	return ntshim_pool_alloc(PoolType, NumberOfBytes, Tag, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocatePoolWithTag);

/*
 * Linux charges no pool to processes, so quota allocations are plain ones.
 * Where NT would raise an exception on failure, ntshim cannot: NULL, said.
 */
static PVOID pool_alloc_quota(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
			      const void *caller)
{
	PVOID p = ntshim_pool_alloc(PoolType, NumberOfBytes, Tag, caller);

	if (!p && !(PoolType & POOL_QUOTA_FAIL_INSTEAD_OF_RAISE))
		ntshim_complain(NTC_NO_MEMORY, caller,
				"ExAllocatePoolWithQuotaTag: %zu bytes failed; NT would raise, ntshim returns NULL",
				(size_t)NumberOfBytes);
	return p;
}

PVOID NTAPI ExAllocatePoolWithQuotaTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
	return pool_alloc_quota(PoolType, NumberOfBytes, Tag, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocatePoolWithQuotaTag);

PVOID NTAPI ExAllocatePoolWithQuota(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
	return pool_alloc_quota(PoolType, NumberOfBytes, POOL_TAG_NONE, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocatePoolWithQuota);

/* Zeroed unless POOL_FLAG_UNINITIALIZED; exactly one of paged or non-paged. */
static PVOID pool_alloc2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag, const void *caller)
{
	bool paged = Flags & POOL_FLAG_PAGED;
	bool nonpaged = Flags & (POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE);
	POOL_TYPE type;
	PVOID p;

	if (paged == nonpaged) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"ExAllocatePool2: flags 0x%llx name no single pool", Flags);
		return NULL;
	}
	type = paged ? PagedPool : NonPagedPoolNx;
	if (Flags & POOL_FLAG_CACHE_ALIGNED)
		type |= 4;
	if (!(Flags & POOL_FLAG_UNINITIALIZED))
		type |= POOL_ZERO_ALLOCATION;
	if (Flags & POOL_FLAG_USE_QUOTA)
		p = pool_alloc_quota(type | POOL_QUOTA_FAIL_INSTEAD_OF_RAISE, NumberOfBytes, Tag,
				     caller);
	else
		p = ntshim_pool_alloc(type, NumberOfBytes, Tag, caller);
	if (!p && (Flags & POOL_FLAG_RAISE_ON_FAILURE))
		ntshim_complain(NTC_NO_MEMORY, caller,
				"ExAllocatePool2: %zu bytes failed; NT would raise, ntshim returns NULL",
				(size_t)NumberOfBytes);
	return p;
}

PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
	return pool_alloc2(Flags, NumberOfBytes, Tag, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocatePool2);

/*
 * A priority says which requests NT may refuse when memory is short; Linux
 * makes that choice itself, so every priority is an ordinary request.
 */
PVOID NTAPI ExAllocatePoolWithTagPriority(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
					  EX_POOL_PRIORITY Priority)
{
	return ntshim_pool_alloc(PoolType, NumberOfBytes, Tag, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocatePoolWithTagPriority);

/* ExAllocatePool2 with parameters: priority and NUMA node pick nothing here. */
PVOID NTAPI ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag,
			    PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
			    ULONG ExtendedParametersCount)
{
	ULONG i;

	if (ExtendedParametersCount && !ExtendedParameters) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"ExAllocatePool3: %u parameters, no array", ExtendedParametersCount);
		return NULL;
	}
	for (i = 0; i < ExtendedParametersCount; i++) {
		const POOL_EXTENDED_PARAMETER *x = &ExtendedParameters[i];

		if (x->Type == PoolExtendedParameterPriority ||
		    x->Type == PoolExtendedParameterNumaNode || x->Optional)
			continue;
		ntshim_complain(NTC_UNSUPPORTED, (void *)_RET_IP_,
				"ExAllocatePool3: extended parameter type %u (secure pool?): refused",
				(unsigned int)x->Type);
		return NULL;
	}
	return pool_alloc2(Flags, NumberOfBytes, Tag, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocatePool3);

PVOID NTAPI ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
	return ntshim_pool_alloc(PoolType, NumberOfBytes, POOL_TAG_NONE, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocatePool);

void ntshim_pool_free(PVOID P, ULONG Tag, bool check_tag, const void *caller)
{
	struct pool_header *hdr = P ? pool_live_take(P) : NULL;

	if (!hdr) {
		ntshim_complain(NTC_POOL_BAD_FREE, caller,
				"ExFreePool: %p is not a live pool block (freed already, or never allocated): ignored",
				P);
		return;
	}
	Tag &= ~POOL_TAG_PROTECTED;
	if (check_tag && Tag != hdr->tag)
		ntshim_complain(NTC_POOL_TAG_MISMATCH, caller,
				"ExFreePoolWithTag: block %p has tag 0x%08x, freed as 0x%08x",
				P, hdr->tag, Tag);
	atomic_long_dec(&pool_blocks);
	atomic_long_sub(hdr->size, &pool_bytes);
	ntshim_mutex_forget(hdr + 1, hdr->size, caller);
	pool_raw_free(hdr);
}

VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag)
{
	ntshim_pool_free(P, Tag, Tag != 0, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExFreePoolWithTag);

VOID NTAPI ExFreePool(PVOID P)
{
	ntshim_pool_free(P, 0, false, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExFreePool);

static int pool_show(struct seq_file *m, void *v)
{
	seq_printf(m, "blocks %ld\nbytes %ld\n", atomic_long_read(&pool_blocks),
		   atomic_long_read(&pool_bytes));
	return 0;
}

int ntshim_pool_init(void)
{
	int class;

	for (class = 0; class < RESERVE_CLASSES; class++)
		raw_spin_lock_init(&pool_reserves[class].lock);
	for (class = 0; class < ARRAY_SIZE(pool_live); class++)
		raw_spin_lock_init(&pool_live[class].lock);
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		pool_reserve_refill(NULL);
	ntshim_debugfs_file("pool", pool_show);
	return 0;
}

void ntshim_pool_exit(void)
{
	long blocks;
	int class;

	flush_work(&pool_deferred_work);
	flush_work(&pool_refill_work);
	for (class = 0; class < RESERVE_CLASSES; class++)
		while (pool_reserves[class].count)
			kfree(pool_reserves[class].blocks[--pool_reserves[class].count]);
	blocks = atomic_long_read(&pool_blocks);

	if (blocks)
		ntshim_complain(NTC_UNLOAD_LEFTOVER, NULL,
				"%ld pool block(s), %ld bytes, never freed by NT drivers",
				blocks, atomic_long_read(&pool_bytes));
}
