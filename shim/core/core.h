/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core every NT area builds on: the IRQL model, complaints, tracking of
 * objects in driver memory, driver images, owner-carried cleanup, debugfs.
 * The core names no NT area; areas reach each other through their folder's
 * header (ke.h, io.h...), never through exported NT entry points.
 *
 * Linux headers come first; the NT headers follow with NTSHIM_KERNEL_SIDE
 * set, so that NT macros only reach ntshim's own code.
 */
#ifndef NTSHIM_CORE_H
#define NTSHIM_CORE_H

#define pr_fmt(fmt) "ntshim: " fmt

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <ntshim/compat.h>
#include "tracker.h"

#define NTSHIM_KERNEL_SIDE 1
#include <ntifs.h>
#include <ntshimext.h>
#include "complaint.h"

struct seq_file;

/* irql.c: the level of the running context, as NT would see it. */
KIRQL ntshim_current_irql(void);
KIRQL ntshim_isr_irql(void);
DECLARE_PER_CPU(KIRQL, ntshim_isr_level);
/* KeRaiseIrql/KeLowerIrql without their checks, for the areas' own use. */
KIRQL ntshim_irql_raise(KIRQL new);
void ntshim_irql_lower(KIRQL new);
/* ntshim's side of KeRaiseIrql/KeLowerIrql, refusing what NT forbids. */
bool ntshim_irql_raise_checked(KIRQL new, KIRQL *old, const void *caller);
void ntshim_irql_lower_checked(KIRQL new, const void *caller);
/* After a driver routine returns: back to entry, complaining if it was not. */
void ntshim_irql_leave_slow(KIRQL entry, const char *what, const void *routine);

/*
 * kthread.c: per-thread NT state of any task: APC_LEVEL, and the depths of
 * critical and guarded regions.  ntshim_kthread_regions_move returns
 * -EINVAL (nothing moved) for a depth going below zero.
 */
extern atomic_t ntshim_kthread_apc_count;
bool ntshim_kthread_at_apc_slow(void);
void ntshim_kthread_set_apc_slow(bool at_apc);

/* No task at APC_LEVEL is the common case, and costs one read. */
static inline bool ntshim_kthread_at_apc(void)
{
	return atomic_read(&ntshim_kthread_apc_count) && ntshim_kthread_at_apc_slow();
}

static inline void ntshim_kthread_set_apc(bool at_apc)
{
	/* Only this task changes its own mark: with none set, clearing is nothing. */
	if (at_apc || atomic_read(&ntshim_kthread_apc_count))
		ntshim_kthread_set_apc_slow(at_apc);
}

/*
 * The raised state of each context of a CPU (irql.c), here so that the
 * commonest change of level, a thread's spin lock from PASSIVE_LEVEL or
 * APC_LEVEL to DISPATCH_LEVEL and back, is inline and short; anything else
 * takes irql.c's general path.
 */
enum { NTSHIM_CTX_TASK, NTSHIM_CTX_SOFTIRQ, NTSHIM_CTX_HARDIRQ, NTSHIM_CTX_NMI,
       NTSHIM_CTX_COUNT };

/* One word, so that the inline paths set and compare all of it at once. */
#define NTSHIM_IRQL_RAISED		0xffU	/* KeRaiseIrql's level, 0 when not raised */
#define NTSHIM_IRQL_DISPATCH_BY_US	0x100U	/* we turned off bottom halves and preemption */
#define NTSHIM_IRQL_IRQS_BY_US		0x200U	/* we turned off interrupts, saving flags */

struct ntshim_irql_state {
	u32 word;
	unsigned long flags;	/* interrupt flags before NTSHIM_IRQL_IRQS_BY_US */
};
DECLARE_PER_CPU(struct ntshim_irql_state[NTSHIM_CTX_COUNT], ntshim_irql);

static __always_inline int ntshim_irql_context(void)
{
	if (in_nmi())
		return NTSHIM_CTX_NMI;
	if (ntshim_in_hardirq())
		return NTSHIM_CTX_HARDIRQ;
	if (in_serving_softirq())
		return NTSHIM_CTX_SOFTIRQ;
	return NTSHIM_CTX_TASK;
}

/*
 * Nothing raised in this context: it is at its own level (an ISR at its
 * DIRQL; a DPC, interrupts on, at DISPATCH_LEVEL).  What ntshim checks
 * after an ISR or DPC returns, before it looks closer.
 */
static __always_inline bool ntshim_irql_unraised_in(int ctx)
{
	return !(this_cpu_read(ntshim_irql[ctx].word) & NTSHIM_IRQL_RAISED);
}

static __always_inline bool ntshim_irql_unraised(void)
{
	return ntshim_irql_unraised_in(ntshim_irql_context());
}

/* A thread below DISPATCH_LEVEL (on PREEMPT_RT, DPCs run preemptible too). */
static __always_inline bool ntshim_irql_thread_low(void)
{
	return preemptible() && (!IS_ENABLED(CONFIG_PREEMPT_RT) || !in_serving_softirq());
}

/*
 * DISPATCH_LEVEL for a thread: bottom halves off (first: on PREEMPT_RT that
 * lock may sleep), and preemption, which on other kernels turning bottom
 * halves off does already.
 */
static __always_inline void ntshim_dispatch_enter(void)
{
	local_bh_disable();
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		preempt_disable();
}

static __always_inline void ntshim_dispatch_exit(void)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		preempt_enable();
	/* DPCs queued meanwhile run here, as NT runs them when the level drops. */
	local_bh_enable();
}

/* The current level, the commonest case inline. */
static __always_inline KIRQL ntshim_irql_now(void)
{
	if (likely(ntshim_irql_thread_low()))
		return ntshim_kthread_at_apc() ? APC_LEVEL : PASSIVE_LEVEL;
	return ntshim_current_irql();
}

/* After a driver routine returns: back to entry, complaining if it was not. */
static __always_inline void ntshim_irql_leave(KIRQL entry, const char *what, const void *routine)
{
	if (unlikely(ntshim_irql_now() != entry))
		ntshim_irql_leave_slow(entry, what, routine);
}

/* The state a thread's inline raise to level leaves in its context's slot. */
static __always_inline u32 ntshim_irql_low_word(KIRQL level)
{
	return level | NTSHIM_IRQL_DISPATCH_BY_US |
	       (level > DISPATCH_LEVEL ? NTSHIM_IRQL_IRQS_BY_US : 0);
}

/*
 * ntshim_irql_raise(level), level DISPATCH_LEVEL or above, where
 * ntshim_irql_thread_low() holds; returns the old level.  The _only form
 * is for a caller that knows the old level already.
 */
static __always_inline void ntshim_irql_raise_low_only(KIRQL level)
{
	unsigned long flags;

	ntshim_dispatch_enter();
	if (level > DISPATCH_LEVEL) {
		local_irq_save(flags);
		this_cpu_write(ntshim_irql[NTSHIM_CTX_TASK].flags, flags);
	}
	this_cpu_write(ntshim_irql[NTSHIM_CTX_TASK].word, ntshim_irql_low_word(level));
}

static __always_inline KIRQL ntshim_irql_raise_low(KIRQL level)
{
	KIRQL old = ntshim_kthread_at_apc() ? APC_LEVEL : PASSIVE_LEVEL;

	ntshim_irql_raise_low_only(level);
	return old;
}

/* ntshim_irql_raise(level), level DISPATCH_LEVEL or above, a thread's case inline. */
static __always_inline KIRQL ntshim_irql_raise_to(KIRQL level)
{
	if (likely(ntshim_irql_thread_low()))
		return ntshim_irql_raise_low(level);
	return ntshim_irql_raise(level);
}

/*
 * A thread that ntshim_irql_raise_low raised to level, with nothing else
 * raised or turned off since, and going back to new, PASSIVE_LEVEL or
 * APC_LEVEL: the bottom halves ntshim turned off are the only ones off
 * (which also says the thread serves no interrupt, softirq or NMI), and
 * its slot is as the raise left it.
 */
static __always_inline bool ntshim_irql_low_can_lower(KIRQL level, KIRQL new)
{
	if (new > APC_LEVEL)
		return false;
	if (IS_ENABLED(CONFIG_PREEMPT_RT)) {
		/* Bottom halves are counted in the task there. */
		if (preempt_count() != PREEMPT_DISABLE_OFFSET || in_serving_softirq())
			return false;
	} else if (preempt_count() != SOFTIRQ_DISABLE_OFFSET) {
		return false;
	}
	return this_cpu_read(ntshim_irql[NTSHIM_CTX_TASK].word) == ntshim_irql_low_word(level);
}

/*
 * Undoes ntshim_irql_raise_low(level), where ntshim_irql_low_can_lower
 * holds.  Back to PASSIVE_LEVEL, the thread's APC_LEVEL mark is cleared
 * first (that allocates nothing), so that turning bottom halves back on
 * is the last call; setting the mark may need a record, so it comes after.
 */
static __always_inline void ntshim_irql_low_lower(KIRQL level, KIRQL new)
{
	this_cpu_write(ntshim_irql[NTSHIM_CTX_TASK].word, 0);
	if (level > DISPATCH_LEVEL)
		local_irq_restore(this_cpu_read(ntshim_irql[NTSHIM_CTX_TASK].flags));
	if (likely(new == PASSIVE_LEVEL)) {
		ntshim_kthread_set_apc(false);
		ntshim_dispatch_exit();
	} else {
		ntshim_dispatch_exit();
		ntshim_kthread_set_apc(true);
	}
}

/*
 * ntshim_irql_lower_checked(new) for a thread at level, which
 * ntshim_irql_raise_low raised it to: the general path for anything else.
 */
static __always_inline void ntshim_irql_lower_from(KIRQL level, KIRQL new, const void *caller)
{
	if (likely(ntshim_irql_low_can_lower(level, new)))
		ntshim_irql_low_lower(level, new);
	else
		ntshim_irql_lower_checked(new, caller);
}
void ntshim_kthread_regions(int *critical, int *guarded);
int ntshim_kthread_regions_move(int critical, int guarded);
/* A system thread's object is KeGetCurrentThread in it; any other task is itself. */
int ntshim_kthread_set_object(void *object);
void *ntshim_kthread_identity(struct task_struct *task);
/* The exception a handler runs for; pending: a __finally raises it again. */
int ntshim_kthread_set_exception(long code, bool pending);
bool ntshim_kthread_exception(long *code, bool take_pending);
/*
 * A task ended: its state goes, after the chain ran (data: the task, and
 * the routine of the system thread it was, to blame for what it left).
 */
struct ntshim_kthread_end {
	struct task_struct *task;
	const void *routine;
};
extern struct atomic_notifier_head ntshim_kthread_exit_chain;
void ntshim_kthread_ended(struct task_struct *task, const void *routine);
int ntshim_kthread_init(void);
void ntshim_kthread_exit(void);

/* image.c: the images of loaded NT drivers, for attributing addresses. */
struct ntshim_image {
	struct list_head node;
	struct module *module;
	const void *object;	/* its DRIVER_OBJECT */
	struct ntshim_owner *owner;	/* what the driver holds */
};
void ntshim_image_add(struct ntshim_image *img, struct module *mod, const void *object,
		      struct ntshim_owner *owner);
void ntshim_image_del(struct ntshim_image *img);
extern struct blocking_notifier_head ntshim_image_gone_chain;
struct ntshim_image *ntshim_image_at(const void *address);
struct ntshim_image *ntshim_image_of(const void *object);
void ntshim_image_each(void (*fn)(struct ntshim_image *img, void *arg), void *arg);

/* Is the address in this image (text, data or init)? */
static inline bool ntshim_in_image(const struct ntshim_image *img, const void *addr)
{
	return addr && within_module((unsigned long)addr, img->module);
}

/*
 * References a driver holds on an object ntshim made at its call (a
 * program's event by handle, a file object): those taken and dropped from
 * the driver's own code are counted, so that what it never dropped is
 * dropped for it when it unloads.  The object's lock guards it.
 */
struct ntshim_held {
	struct module *module;	/* the driver that opened it, or NULL */
	const void *site;	/* where, for the report */
	unsigned int refs;
};

static inline void ntshim_held_init(struct ntshim_held *h, const void *site)
{
	struct ntshim_image *img = ntshim_image_at(site);

	h->module = img ? img->module : NULL;
	h->site = site;
	h->refs = img ? 1 : 0;
}

static inline void ntshim_held_count(struct ntshim_held *h, const void *caller, int delta)
{
	if (h->module && within_module((unsigned long)caller, h->module) &&
	    (delta > 0 || h->refs))
		h->refs += delta;
}

/* At the driver's unload: how many references of its to drop (0: none). */
static inline unsigned int ntshim_held_take(struct ntshim_held *h, struct module *gone)
{
	unsigned int refs = h->module == gone ? h->refs : 0;

	if (h->module == gone) {
		h->module = NULL;
		h->refs = 0;
	}
	return refs;
}

/* complaint.c */
int ntshim_complaint_init(void);

/*
 * owner.c: cleanup carried by owners (a driver, a device), as devm_*
 * resources are.  What a driver creates through NT (a device, a connected
 * interrupt, a registration) is added to its owner's list when created and
 * taken off when the driver undoes it; whatever is left when the owner goes
 * is stopped, waited for and released there, most recent first.
 */
struct ntshim_res;
struct ntshim_res_ops {
	/* Nothing of the driver's is called through it once this returns. */
	void (*stop)(struct ntshim_res *res);
	/*
	 * No lock held: returns once driver code it runs has finished.  A
	 * resource with a wait stays on its owner's list until released.
	 */
	void (*wait)(struct ntshim_res *res);
	/* Frees it; returns how many things the driver left undone in it. */
	unsigned int (*release)(struct ntshim_res *res);
	/* What those are, for the unload-leftover complaint. */
	const char *leftover;
	/* The kind, as debugfs lists an owner's resources. */
	const char *name;
};

struct ntshim_res {
	struct list_head node;
	const struct ntshim_res_ops *ops;
	bool stopped;
	bool waited;
};

struct ntshim_owner {
	struct mutex lock;
	struct list_head list;
	const struct ntshim_image *image;	/* whom leftovers are blamed on */
	bool dead;				/* being released: no removal */
};

/* A macro, so that each kind of owner gets its own lock class. */
#define ntshim_owner_init(o, img)					\
	do {								\
		mutex_init(&(o)->lock);					\
		INIT_LIST_HEAD(&(o)->list);				\
		(o)->image = (img);					\
		(o)->dead = false;					\
	} while (0)

bool ntshim_owner_add(struct ntshim_owner *o, struct ntshim_res *res,
		      const struct ntshim_res_ops *ops);
bool ntshim_owner_remove(struct ntshim_owner *o, struct ntshim_res *res);
struct ntshim_res *ntshim_owner_find(struct ntshim_owner *o, const struct ntshim_res_ops *ops);
struct ntshim_res *ntshim_owner_get(struct ntshim_owner *o, const struct ntshim_res_ops *ops,
				    size_t size);
void ntshim_owner_stop(struct ntshim_owner *o);
void ntshim_owner_wait(struct ntshim_owner *o);
void ntshim_owner_release(struct ntshim_owner *o);
void ntshim_owner_show(struct seq_file *m, struct ntshim_owner *o);

/* lockclass.c: the lockdep class of a lock a driver initializes at site. */
struct ntshim_lock_class {
	struct lock_class_key *key;
	const char *name;
};
const struct ntshim_lock_class *ntshim_lock_class(const void *site);

/* status.c */
const char *ntshim_status_name(NTSTATUS status);
int ntshim_status_to_errno(NTSTATUS status);

/* debugfs.c: /sys/kernel/debug/ntshim/<name>, one show routine each. */
int ntshim_debugfs_init(void);
void ntshim_debugfs_exit(void);
void ntshim_debugfs_file(const char *name, int (*show)(struct seq_file *m, void *v));

/* NT's active processor set: the online CPUs that fit a KAFFINITY. */
static inline KAFFINITY ntshim_active_processors(void)
{
	KAFFINITY mask = 0;
	int cpu;

	for_each_online_cpu(cpu)
		if (cpu < BITS_PER_LONG)
			mask |= 1UL << cpu;
	return mask;
}

#endif /* NTSHIM_CORE_H */
