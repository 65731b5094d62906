// SPDX-License-Identifier: GPL-2.0
/*
 * IRQL: what NT code may be interrupted by, on a kernel that has contexts
 * instead of levels.
 *
 * The level comes from the Linux context the caller is in (hardirq: a
 * device IRQL; interrupts off: HIGH_LEVEL; softirq, that is a DPC, or
 * preemption off: DISPATCH_LEVEL; otherwise PASSIVE_LEVEL), unless the
 * caller raised it with KeRaiseIrql:
 *
 *   DISPATCH_LEVEL  bottom halves and preemption off: no DPC and no other
 *                   thread runs on this CPU until the level drops;
 *   above it        interrupts off as well;
 *   APC_LEVEL       Linux has no APCs to hold off: the level is remembered
 *                   for the thread, which may still sleep and wait.
 *
 * Raised state is kept per CPU and per context (task, softirq, hardirq,
 * NMI), so an interrupt that raises and lowers leaves the thread it
 * interrupted as it was.  It needs CONFIG_PREEMPT_COUNT (all Debian kernels
 * have it) to see spin locks held by Linux code.
 */
#include "core.h"
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/sched.h>

/* The DIRQL an ISR runs at when no interrupt object says otherwise. */
#define NTSHIM_DEFAULT_DIRQL	(DISPATCH_LEVEL + 1)

enum {
	CTX_TASK = NTSHIM_CTX_TASK,
	CTX_SOFTIRQ = NTSHIM_CTX_SOFTIRQ,
	CTX_HARDIRQ = NTSHIM_CTX_HARDIRQ,
	CTX_NMI = NTSHIM_CTX_NMI,
};

/* Declared in core.h, whose inline fast paths keep it too. */
DEFINE_PER_CPU(struct ntshim_irql_state[NTSHIM_CTX_COUNT], ntshim_irql);

/* The DIRQL of the ISR running on this CPU (set around ISRs), 0 if none. */
DEFINE_PER_CPU(KIRQL, ntshim_isr_level);

KIRQL ntshim_isr_irql(void)
{
	return this_cpu_read(ntshim_isr_level);
}

static int irql_context(void)
{
	return ntshim_irql_context();
}

/* The level of the Linux context alone, ignoring KeRaiseIrql. */
static KIRQL context_irql(int ctx)
{
	switch (ctx) {
	case CTX_NMI:
		return HIGH_LEVEL;
	case CTX_HARDIRQ:
		return ntshim_isr_irql() ?: NTSHIM_DEFAULT_DIRQL;
	case CTX_SOFTIRQ:
		return irqs_disabled() ? HIGH_LEVEL : DISPATCH_LEVEL;
	}
	if (irqs_disabled())
		/* A threaded ISR (PREEMPT_RT) runs at its object's DIRQL. */
		return ntshim_isr_irql() ?: HIGH_LEVEL;
	if (!preemptible())
		return DISPATCH_LEVEL;
	return ntshim_kthread_at_apc() ? APC_LEVEL : PASSIVE_LEVEL;
}

/*
 * The lowest level KeLowerIrql may go to in this context: the context's own
 * level, not counting what KeRaiseIrql turned off.
 */
static KIRQL context_floor(int ctx)
{
	struct ntshim_irql_state *st;
	bool irqs_off;

	if (preemptible())
		return ctx == CTX_TASK ? PASSIVE_LEVEL : context_irql(ctx);
	st = &this_cpu_ptr(ntshim_irql)[ctx];
	irqs_off = irqs_disabled() && !(st->word & NTSHIM_IRQL_IRQS_BY_US);
	switch (ctx) {
	case CTX_NMI:
	case CTX_HARDIRQ:
		return context_irql(ctx);
	case CTX_SOFTIRQ:
		return irqs_off ? HIGH_LEVEL : DISPATCH_LEVEL;
	}
	if (st->word & NTSHIM_IRQL_DISPATCH_BY_US)
		return PASSIVE_LEVEL;
	return irqs_off ? HIGH_LEVEL : DISPATCH_LEVEL;
}

KIRQL ntshim_current_irql(void)
{
	int ctx;

	/* A thread below DISPATCH_LEVEL, the commonest case, first. */
	if (likely(ntshim_irql_thread_low()))
		return ntshim_kthread_at_apc() ? APC_LEVEL : PASSIVE_LEVEL;
	ctx = irql_context();

	/* Raised state exists only with preemption off (or for APC_LEVEL). */
	if (!preemptible()) {
		KIRQL raised = this_cpu_ptr(ntshim_irql)[ctx].word & NTSHIM_IRQL_RAISED;

		if (raised)
			return raised;
	}
	return context_irql(ctx);
}

static void irql_raise(KIRQL old, KIRQL new)
{
	struct ntshim_irql_state *st;

	if (new == APC_LEVEL) {
		ntshim_kthread_set_apc(true);
		return;
	}
	if (old < DISPATCH_LEVEL) {
		ntshim_dispatch_enter();
		st = &this_cpu_ptr(ntshim_irql)[irql_context()];
		st->word |= NTSHIM_IRQL_DISPATCH_BY_US;
	}
	st = &this_cpu_ptr(ntshim_irql)[irql_context()];
	if (new > DISPATCH_LEVEL && old <= DISPATCH_LEVEL) {
		local_irq_save(st->flags);
		st->word |= NTSHIM_IRQL_IRQS_BY_US;
	}
	st->word = (st->word & ~NTSHIM_IRQL_RAISED) | new;
}

static void irql_lower(int ctx, KIRQL old, KIRQL new, KIRQL floor)
{
	struct ntshim_irql_state *st = &this_cpu_ptr(ntshim_irql)[ctx];
	bool undo_dispatch;

	if (old == APC_LEVEL) {
		ntshim_kthread_set_apc(false);
		return;
	}
	if (new <= DISPATCH_LEVEL && (st->word & NTSHIM_IRQL_IRQS_BY_US)) {
		st->word &= ~NTSHIM_IRQL_IRQS_BY_US;
		local_irq_restore(st->flags);
	}
	undo_dispatch = new < DISPATCH_LEVEL && (st->word & NTSHIM_IRQL_DISPATCH_BY_US);
	/* Back at the context's own level, nothing is raised any more. */
	st->word = (st->word & ~NTSHIM_IRQL_RAISED) | (new > floor ? new : 0);
	if (undo_dispatch) {
		st->word = 0;
		ntshim_dispatch_exit();
		ntshim_kthread_set_apc(new == APC_LEVEL);
	}
}

/*
 * After every driver routine ntshim calls: it must return at the level it
 * was called at.  One that did not (a spin lock left held, a raise not
 * undone) gets one complaint, and the level is put back.
 */
void ntshim_irql_leave_slow(KIRQL entry, const char *what, const void *routine)
{
	KIRQL now = ntshim_current_irql();
	int ctx;

	if (likely(now == entry))
		return;
	ntshim_complain(NTC_IRQL_UNBALANCED, routine,
			"%s %pS returned at IRQL %u, called at %u: level restored",
			what, routine, now, entry);
	ctx = irql_context();
	if (now > entry)
		irql_lower(ctx, now, entry, context_floor(ctx));
	else
		irql_raise(now, entry);
}

/* KeRaiseIrql: false (and a complaint naming the caller) if NT forbids it. */
bool ntshim_irql_raise_checked(KIRQL new, KIRQL *old, const void *caller)
{
	*old = ntshim_current_irql();
	if (new < *old || new > HIGH_LEVEL) {
		ntshim_complain(NTC_IRQL_NOT_RAISE, caller, "KeRaiseIrql to %u from %u refused",
				new, *old);
		return false;
	}
	if (new != *old)
		irql_raise(*old, new);
	return true;
}

void ntshim_irql_lower_checked(KIRQL new, const void *caller)
{
	int ctx = irql_context();
	KIRQL old = ntshim_current_irql();
	KIRQL floor = context_floor(ctx);

	if (new > old || new < floor) {
		ntshim_complain(new > old ? NTC_IRQL_NOT_LOWER : NTC_IRQL_BELOW_CONTEXT, caller,
				"KeLowerIrql to %u from %u refused", new, old);
		return;
	}
	if (new != old)
		irql_lower(ctx, old, new, floor);
}

/* For ntshim's own use, with levels it knows to be right. */
KIRQL ntshim_irql_raise(KIRQL new)
{
	KIRQL old = ntshim_current_irql();

	if (new > old)
		irql_raise(old, new);
	return old;
}

void ntshim_irql_lower(KIRQL new)
{
	int ctx = irql_context();
	KIRQL old = ntshim_current_irql();

	if (new < old)
		irql_lower(ctx, old, new, context_floor(ctx));
}

/* NTSHIM_REQUIRE_IRQL's complaint; true, so the routine refuses. */
bool ntshim_irql_refused(KIRQL max, const char *routine, const void *caller)
{
	ntshim_complain(NTC_IRQL_TOO_HIGH, caller, "%s at IRQL %u, above %u: refused",
			routine, ntshim_current_irql(), max);
	return true;
}

void ntshim_irql_below_dispatch(const char *routine, const void *caller)
{
	ntshim_complain(NTC_IRQL_TOO_LOW, caller, "%s at IRQL %u, below DISPATCH_LEVEL",
			routine, ntshim_current_irql());
}
