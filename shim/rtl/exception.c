// SPDX-License-Identifier: GPL-2.0
/*
 * Structured exception handling for the exceptions ntshim raises:
 * ExRaiseStatus, a failing ProbeForRead/ProbeForWrite, MmProbeAndLockPages
 * of memory the caller may not use.
 *
 * A __try (include/wdm/compiler.h) saves its place with NtshimSehSave
 * (exception_64.S) in a frame on its own stack, linked first in its
 * context's chain; a raise returns to the first frame's save, and from
 * there its __except filter chooses (the block runs, or the raise goes on
 * to the next frame), or its __finally runs and the raise goes on.  A
 * frame leaves the chain as its __try is left, however it is left (the
 * frame's cleanup), so the first frame is always a live one.  A context is
 * a task, or one CPU's softirq or hardirq level: a DPC never lands in the
 * frames of the task it interrupted.
 *
 * A context's top frame is kept in its home slot (one of a table, by the
 * context's hash), which it claims with one exchange while it has frames:
 * only the context itself reads or writes its own frames, so that takes
 * no lock.  A context whose home another holds keeps its top in the
 * buckets instead, under their locks.  Nothing is allocated to enter a
 * __try, so one works at any IRQL.  The code a handler runs for
 * (GetExceptionCode in its block, after its frame is gone) is kept per
 * task in core/kthread.c, per CPU for interrupts.
 */
#include "rtl.h"
#include <linux/hash.h>
#include <linux/notifier.h>
#include <linux/percpu.h>
#include <linux/sched.h>

enum { SEH_NEW, SEH_LINKED, SEH_CAUGHT = NTSHIM_SEH_CAUGHT, SEH_DONE };
enum { SEH_SP = 6 };		/* Context[]: exception_64.S */
#define SEH_HOME_BITS	7
#define SEH_BUCKET_BITS	6

void ntshim_seh_jump(unsigned long long *context, int value);
#ifdef CONFIG_KASAN_STACK
/* As gcc declares it for instrumented code: the bottom as an integer. */
void __asan_allocas_unpoison(void *stack_top, long stack_bottom);
#endif

/* key is claimed from NULL by its context, and given back when its last frame goes. */
struct seh_home {
	void *key;
	NTSHIM_SEH_FRAME *top;
} ____cacheline_aligned_in_smp;

static struct seh_home seh_homes[1 << SEH_HOME_BITS];

struct seh_bucket {
	raw_spinlock_t lock;
	NTSHIM_SEH_FRAME *tops;
} ____cacheline_aligned_in_smp;

static struct seh_bucket seh_buckets[1 << SEH_BUCKET_BITS];
/* Contexts with frames in the buckets: when none, no context looks there. */
static atomic_t seh_bucketed = ATOMIC_INIT(0);

/* The keys of a CPU's softirq and hardirq contexts, and their codes. */
struct seh_cpu {
	char key[2];
	long code[2];
	bool pending[2];
};
static DEFINE_PER_CPU(struct seh_cpu, seh_cpu);
/* Codes, in any context, held for a __finally to raise again. */
static atomic_t seh_pending = ATOMIC_INIT(0);

static int seh_level(void)
{
	if (in_hardirq())
		return 1;
	return in_serving_softirq() ? 0 : -1;
}

static void *seh_key(void)
{
	int level = seh_level();

	if (in_nmi())
		return NULL;
	return level < 0 ? (void *)current : &raw_cpu_ptr(&seh_cpu)->key[level];
}

static struct seh_home *seh_home(const void *key)
{
	return &seh_homes[hash_ptr(key, SEH_HOME_BITS)];
}

/*
 * Its context's last frame is gone: the home is free for another context,
 * which sees the top's last store before its claim (release).
 */
static void seh_home_free(struct seh_home *h)
{
	WRITE_ONCE(h->top, NULL);
	smp_store_release(&h->key, NULL);
}

static struct seh_bucket *seh_bucket(const void *key)
{
	return &seh_buckets[hash_ptr(key, SEH_BUCKET_BITS)];
}

/* Where the context's top frame is linked; bucket lock held. */
static NTSHIM_SEH_FRAME **seh_slot(struct seh_bucket *b, const void *key)
{
	NTSHIM_SEH_FRAME **p = &b->tops;

	while (*p && (*p)->Key != key)
		p = &(*p)->HashNext;
	return p;
}

static NTSHIM_SEH_FRAME *seh_top(const void *key)
{
	struct seh_home *h = seh_home(key);
	struct seh_bucket *b;
	NTSHIM_SEH_FRAME *top;
	unsigned long flags;

	if (READ_ONCE(h->key) == key)
		return h->top;
	if (!atomic_read(&seh_bucketed))
		return NULL;
	b = seh_bucket(key);
	raw_spin_lock_irqsave(&b->lock, flags);
	top = *seh_slot(b, key);
	raw_spin_unlock_irqrestore(&b->lock, flags);
	return top;
}

/* Links f first in its context's chain in the buckets, if it has one there or if make. */
static bool seh_bucket_link(NTSHIM_SEH_FRAME *f, bool make)
{
	struct seh_bucket *b = seh_bucket(f->Key);
	NTSHIM_SEH_FRAME **p;
	unsigned long flags;

	raw_spin_lock_irqsave(&b->lock, flags);
	p = seh_slot(b, f->Key);
	if (*p || make) {
		if (!*p)
			atomic_inc(&seh_bucketed);
		f->Next = *p;
		f->HashNext = *p ? (*p)->HashNext : NULL;
		*p = f;
		make = true;
	}
	raw_spin_unlock_irqrestore(&b->lock, flags);
	return make;
}

static void seh_bucket_unlink(NTSHIM_SEH_FRAME *f)
{
	struct seh_bucket *b = seh_bucket(f->Key);
	NTSHIM_SEH_FRAME **p, *q;
	unsigned long flags;

	raw_spin_lock_irqsave(&b->lock, flags);
	p = seh_slot(b, f->Key);
	if (*p == f) {
		if (f->Next) {
			f->Next->HashNext = f->HashNext;
			*p = f->Next;
		} else {
			*p = f->HashNext;
			atomic_dec(&seh_bucketed);
		}
	} else {
		for (q = *p; q && q->Next != f; q = q->Next)
			;
		if (q)
			q->Next = f->Next;
	}
	raw_spin_unlock_irqrestore(&b->lock, flags);
}

void ntshim_seh_enter(NTSHIM_SEH_FRAME *f, const void *window)
{
	struct seh_home *h;
	void *key = seh_key();

	f->Window = window;
	f->Key = key;
	if (!key)
		return;		/* NMI: nothing raises there */
	f->State = SEH_LINKED;
	h = seh_home(key);
	if (READ_ONCE(h->key) != key) {
		/* Nothing at home: a chain in the buckets, or the first frame. */
		if (atomic_read(&seh_bucketed) && seh_bucket_link(f, false))
			return;
		if (cmpxchg(&h->key, NULL, key)) {
			seh_bucket_link(f, true);
			return;
		}
	}
	f->Next = h->top;
	WRITE_ONCE(h->top, f);
}

int NtshimSehEnter(NTSHIM_SEH_FRAME *Frame)
{
	ntshim_seh_enter(Frame, NULL);
	return 1;
}
NTSHIM_EXPORT(NtshimSehEnter);

/* Takes the frame out of its context's chain, where it is first. */
static void seh_unlink(NTSHIM_SEH_FRAME *f, int state)
{
	bool linked = f->State == SEH_LINKED;
	struct seh_home *h;
	NTSHIM_SEH_FRAME *q;

	f->State = state;
	if (!linked)
		return;
	h = seh_home(f->Key);
	if (READ_ONCE(h->key) != f->Key) {
		seh_bucket_unlink(f);
	} else if (h->top == f) {
		if (f->Next)
			WRITE_ONCE(h->top, f->Next);
		else
			seh_home_free(h);
	} else {
		/* Not first (jumped over by a driver's own longjmp): unlinked all the same. */
		for (q = h->top; q && q->Next != f; q = q->Next)
			;
		if (q)
			q->Next = f->Next;
	}
}

/* Records what a handler runs for (GetExceptionCode), pending for a __finally. */
static void seh_set_code(long code, bool pending)
{
	int level = seh_level();
	struct seh_cpu *c;

	if (pending)
		atomic_inc(&seh_pending);
	if (level < 0 && !ntshim_kthread_set_exception(code, pending))
		return;
	/* An interrupt, or no memory for the task's record: this CPU's. */
	c = raw_cpu_ptr(&seh_cpu);
	level = max(level, 0);
	c->code[level] = code;
	c->pending[level] = pending;
}

static bool seh_get_code(long *code, bool take_pending)
{
	int level = seh_level();
	struct seh_cpu *c;

	if (level < 0 && ntshim_kthread_exception(code, take_pending))
		return true;
	c = raw_cpu_ptr(&seh_cpu);
	level = max(level, 0);
	if (take_pending && !c->pending[level])
		return false;
	*code = c->code[level];
	if (take_pending)
		c->pending[level] = false;
	return true;
}

void ntshim_seh_leave(NTSHIM_SEH_FRAME *f)
{
	seh_unlink(f, SEH_DONE);
}

/* The frame's cleanup: its __try is left, normally or by a jump out. */
void NtshimSehLeave(NTSHIM_SEH_FRAME *Frame)
{
	ntshim_seh_leave(Frame);
}
NTSHIM_EXPORT(NtshimSehLeave);

/* A raise came back to the frame: it leaves the chain, its handler decides. */
int NtshimSehLanded(NTSHIM_SEH_FRAME *Frame)
{
	seh_unlink(Frame, SEH_CAUGHT);
	seh_set_code(Frame->Code, false);
	return 0;
}
NTSHIM_EXPORT(NtshimSehLanded);

/*
 * Raises status in the current context: control goes to the innermost
 * __try's handler and does not come back.  With none (NT stops the system
 * there), one complaint, and the raise returns.
 */
void ntshim_seh_raise(NTSTATUS status, const void *caller)
{
	unsigned long sp = current_stack_pointer;
	void *key = seh_key();
	NTSHIM_SEH_FRAME *f = key ? seh_top(key) : NULL;

	/* A frame lies above the raise on the same stack, or it is not one to use. */
	if (!f || f->Context[SEH_SP] <= sp || f->Context[SEH_SP] - sp > 4 * THREAD_SIZE) {
		ntshim_complain(NTC_EXCEPTION_UNHANDLED, caller,
				"%s raised with no __try to take it (NT stops the system: KMODE_EXCEPTION_NOT_HANDLED): carried on after the raise",
				ntshim_status_name(status));
		return;
	}
	f->Code = status;
#ifdef CONFIG_KASAN_STACK
	/* The frames jumped over never unpoison their stack themselves. */
	__asan_allocas_unpoison((void *)sp, (long)f->Context[SEH_SP]);
#endif
	ntshim_seh_jump(f->Context, 1);
}

/* After the filter: 1 to run the __except block, or the raise goes on. */
int NtshimSehExcept(NTSHIM_SEH_FRAME *Frame, int Filter)
{
	if (Frame->State != SEH_CAUGHT) {
		seh_unlink(Frame, SEH_DONE);
		return 0;
	}
	Frame->State = SEH_DONE;
	if (Filter > 0)
		return 1;
	/* EXCEPTION_CONTINUE_EXECUTION: the raises here cannot be resumed. */
	ntshim_seh_raise(Filter ? STATUS_NONCONTINUABLE_EXCEPTION : Frame->Code,
			 (void *)_RET_IP_);
	return 0;
}
NTSHIM_EXPORT(NtshimSehExcept);

/* The __try of a __finally ends: caught, its code waits for the block's end. */
int NtshimSehFinally(NTSHIM_SEH_FRAME *Frame)
{
	if (Frame->State == SEH_CAUGHT) {
		Frame->State = SEH_DONE;
		seh_set_code(Frame->Code, true);
	} else {
		seh_unlink(Frame, SEH_DONE);
	}
	return 1;
}
NTSHIM_EXPORT(NtshimSehFinally);

NTSHIM_SEH_END NtshimSehFinallyBegin(void)
{
	NTSHIM_SEH_END end = { .Run = 1 };
	long code;

	if (atomic_read(&seh_pending) && seh_get_code(&code, true)) {
		atomic_dec(&seh_pending);
		end.Abnormal = 1;
		end.Code = code;
	}
	return end;
}
NTSHIM_EXPORT(NtshimSehFinallyBegin);

/* The __finally block ran: a raise it interrupted goes on outwards. */
void NtshimSehFinallyEnd(NTSHIM_SEH_END *End)
{
	End->Run = 0;
	if (End->Abnormal)
		ntshim_seh_raise(End->Code, (void *)_RET_IP_);
}
NTSHIM_EXPORT(NtshimSehFinallyEnd);

long NtshimSehCode(void)
{
	long code = STATUS_SUCCESS;

	seh_get_code(&code, false);
	return code;
}
NTSHIM_EXPORT(NtshimSehCode);

/*
 * Whether [addr, addr + len) lies in a buffer the innermost ntshim frame
 * of this context lets probes accept (the request's neither-mode buffers).
 */
bool ntshim_seh_window(const void *addr, size_t len)
{
	const struct ntshim_seh_window *w;
	void *key = seh_key();
	NTSHIM_SEH_FRAME *f;
	int i;

	for (f = key ? seh_top(key) : NULL; f && !f->Window; f = f->Next)
		;
	if (!f)
		return false;
	w = f->Window;
	for (i = 0; i < ARRAY_SIZE(w->base); i++)
		if (w->base[i] && addr >= w->base[i] && len <= w->len[i] &&
		    addr - w->base[i] <= w->len[i] - len)
			return true;
	return false;
}

/*
 * A task that ends inside a __try (PsTerminateSystemThread in one) leaves
 * its frames on a stack that goes with it: they leave the chain here, in
 * the task itself, so a task later made at the same address starts with
 * none.
 */
static int seh_task_ended(struct notifier_block *nb, unsigned long action, void *data)
{
	struct task_struct *task = ((struct ntshim_kthread_end *)data)->task;
	struct seh_home *h = seh_home(task);
	struct seh_bucket *b;
	NTSHIM_SEH_FRAME **p;
	unsigned long flags;

	if (READ_ONCE(h->key) == task) {
		seh_home_free(h);
		return NOTIFY_DONE;
	}
	if (!atomic_read(&seh_bucketed))
		return NOTIFY_DONE;
	b = seh_bucket(task);
	raw_spin_lock_irqsave(&b->lock, flags);
	p = seh_slot(b, task);
	if (*p) {
		*p = (*p)->HashNext;
		atomic_dec(&seh_bucketed);
	}
	raw_spin_unlock_irqrestore(&b->lock, flags);
	return NOTIFY_DONE;
}

static struct notifier_block seh_exit_nb = { .notifier_call = seh_task_ended };

int ntshim_seh_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(seh_buckets); i++)
		raw_spin_lock_init(&seh_buckets[i].lock);
	return atomic_notifier_chain_register(&ntshim_kthread_exit_chain, &seh_exit_nb);
}

void ntshim_seh_exit(void)
{
	atomic_notifier_chain_unregister(&ntshim_kthread_exit_chain, &seh_exit_nb);
}

/* exception_64.S: the one routine a __try calls inline, exported from here. */
NTSHIM_EXPORT(NtshimSehSave);
