/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Complaints: what ntshim says when a driver breaks an NT rule.
 *
 * Each kind of complaint has a stable identity, printed in brackets at the
 * start of its log line and counted per driver in debugfs
 * (/sys/kernel/debug/ntshim/complaints).  Tests and tools match the
 * identity or the count, never the wording, which may change.
 */
#ifndef NTSHIM_COMPLAINT_H
#define NTSHIM_COMPLAINT_H

/* C(enumerator, identity, what it means) */
#define NTSHIM_COMPLAINTS(C)							\
	C(IRQL_TOO_HIGH, "irql-too-high", "called above the routine's highest IRQL") \
	C(IRQL_TOO_LOW, "irql-too-low", "called below the routine's lowest IRQL") \
	C(IRQL_NOT_RAISE, "irql-not-raise", "KeRaiseIrql to a lower level") \
	C(IRQL_NOT_LOWER, "irql-not-lower", "KeLowerIrql to a higher level") \
	C(IRQL_BELOW_CONTEXT, "irql-below-context", "KeLowerIrql below the level the context runs at") \
	C(IRQL_UNBALANCED, "irql-unbalanced", "a driver routine returned at another IRQL: restored") \
	C(BAD_ARGUMENT, "bad-argument", "a NULL or out-of-range argument") \
	C(NOT_AN_OBJECT, "not-an-object", "a pointer ntshim did not hand out, or no longer owns") \
	C(UNINITIALIZED, "uninitialized-object", "an object used before its KeInitializeXxx") \
	C(BAD_HANDLE, "bad-handle", "a handle that is not open") \
	C(SPIN_RECURSIVE, "spinlock-recursive", "a spin lock acquired again by its owner") \
	C(SPIN_NOT_HELD, "spinlock-not-held", "a spin lock released while free") \
	C(SPIN_NOT_OWNER, "spinlock-not-owner", "a spin lock released by another owner: left held") \
	C(POOL_PAGED_ATOMIC, "pool-paged-at-dispatch", "paged pool asked for at DISPATCH_LEVEL or above") \
	C(POOL_BAD_FREE, "pool-bad-free", "ExFreePool of something that is not a live pool block") \
	C(POOL_TAG_MISMATCH, "pool-tag-mismatch", "ExFreePoolWithTag with another tag") \
	C(POOL_RESERVE, "pool-atomic-reserve", "an atomic allocation above PREEMPT_RT's reserve") \
	C(NO_MEMORY, "no-memory", "ntshim ran out of memory doing what was asked") \
	C(LIVE_AT_FREE, "live-at-free", "a queued DPC or armed timer in memory being freed: stopped") \
	C(LIVE_AT_INIT, "live-at-init", "a queued DPC or armed timer initialized again: stopped") \
	C(USE_AFTER_STOP, "use-after-stop", "a DPC or timer used after its memory was released") \
	C(UNLOAD_LEFTOVER, "unload-leftover", "unloaded with something still registered: undone") \
	C(UNLOAD_THREAD, "unload-thread-running", "unloaded while its system thread runs: waiting") \
	C(DRIVER_ENTRY_FAILED, "driver-entry-failed", "DriverEntry failed: load refused") \
	C(WRONG_CONTEXT, "wrong-context", "called from a context the routine does not allow") \
	C(IRP_MISUSE, "irp-misuse", "an IRP completed twice, with STATUS_PENDING, or past its stack") \
	C(SHUTDOWN_TIMEOUT, "shutdown-timeout", "IRP_MJ_SHUTDOWN not completed in time") \
	C(RESOURCE_BUSY, "resource-busy", "a resource already taken") \
	C(SEMAPHORE_LIMIT, "semaphore-limit", "KeReleaseSemaphore past the limit: not released") \
	C(MUTEX_NOT_OWNED, "mutex-not-owned", "a mutex released by a thread that does not own it") \
	C(MUTEX_ABANDONED, "mutex-abandoned", "a thread ended holding a mutex: abandoned") \
	C(MUTEX_RECURSIVE, "mutex-recursive", "a fast or guarded mutex acquired again by its owner") \
	C(WORK_QUEUED, "work-item-queued", "a work item queued again, or freed, before it ran") \
	C(REGION_UNBALANCED, "region-unbalanced", "a critical or guarded region left more often than entered") \
	C(UNSUPPORTED, "unsupported", "a request ntshim does not support") \
	C(BAD_STRING, "bad-string", "DbgPrint given an unreadable string pointer") \
	C(SECTION_MISUSE, "section-misuse", "a paging call outside the driver's image or unbalanced") \
	C(PAGED_CODE, "paged-code", "PAGED_CODE() reached above APC_LEVEL") \
	C(ASSERT_FAILED, "assert-failed", "an ASSERT in the driver failed") \
	C(BREAKPOINT, "breakpoint", "DbgBreakPoint with no debugger attached") \
	C(EXCEPTION_UNHANDLED, "exception-unhandled", "an exception raised with no __try to take it") \
	C(CANCEL_LOCK_HELD, "cancel-lock-held", "a cancel routine returned holding the cancel spin lock") \
	C(REQUEST_STUCK, "request-stuck", "a cancelled request its driver did not complete in time")

#define NTSHIM_COMPLAINT_ENUM(e, id, what)	NTC_##e,
enum ntshim_complaint {
	NTSHIM_COMPLAINTS(NTSHIM_COMPLAINT_ENUM)
	NTC_COUNT
};
#undef NTSHIM_COMPLAINT_ENUM

struct ntshim_image;

/*
 * One log line, counted against the driver whose image holds where (a
 * caller's return address or a driver routine): "[identity] driver: text
 * (from where)".  Any context.
 */
__printf(3, 4) void ntshim_complain(enum ntshim_complaint id, const void *where,
				    const char *fmt, ...);
/* The same for a driver ntshim acts for (at load, unload, shutdown). */
__printf(3, 4) void ntshim_complain_image(enum ntshim_complaint id,
					  const struct ntshim_image *img,
					  const char *fmt, ...);

/* A fresh count for a driver that is loading. */
void ntshim_complaints_reset(const char *driver);

/*
 * The IRQL contract of an NT routine, stated once at its top: called above
 * max, it complains, naming the driver's caller, and returns ret (nothing,
 * for a VOID routine).  Routines that only warn (the AtDpcLevel family)
 * state NTSHIM_EXPECT_DISPATCH_LEVEL() instead.
 */
bool ntshim_irql_refused(KIRQL max, const char *routine, const void *caller);
void ntshim_irql_below_dispatch(const char *routine, const void *caller);

/* A preemptible thread is below DISPATCH_LEVEL (or in a PREEMPT_RT DPC, at it). */
#define NTSHIM_REQUIRE_IRQL(max, ret)						\
	do {									\
		if (unlikely(!((max) >= DISPATCH_LEVEL && preemptible()) &&	\
			     ntshim_current_irql() > (max)) &&			\
		    ntshim_irql_refused((max), __func__, (void *)_RET_IP_))	\
			return ret;						\
	} while (0)

/* Preemption off is DISPATCH_LEVEL or above, whatever else: no need to ask. */
#define NTSHIM_EXPECT_DISPATCH_LEVEL()						\
	do {									\
		if (unlikely(preemptible() &&					\
			     ntshim_current_irql() < DISPATCH_LEVEL))		\
			ntshim_irql_below_dispatch(__func__, (void *)_RET_IP_);	\
	} while (0)

#endif /* NTSHIM_COMPLAINT_H */
