// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_helper: what NT test drivers cannot do with the NT API alone.
 * Runs a callback in real hardirq context or with interrupts off, runs
 * CPU-bound threads, holds off softirqs on a CPU, and reports preemption
 * and interrupt state.  NT test drivers declare these functions themselves.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include "ntt_helper.h"

typedef void (*ntt_fn)(void *ctx);

int ntt_helper_preemptible(void)
{
	return preemptible();
}
EXPORT_SYMBOL_GPL(ntt_helper_preemptible);

int ntt_helper_irqs_disabled(void)
{
	return irqs_disabled();
}
EXPORT_SYMBOL_GPL(ntt_helper_irqs_disabled);

void ntt_helper_irqs_off(ntt_fn fn, void *ctx)
{
	unsigned long flags;

	local_irq_save(flags);
	fn(ctx);
	local_irq_restore(flags);
}
EXPORT_SYMBOL_GPL(ntt_helper_irqs_off);

struct hardirq_call {
	struct hrtimer timer;
	struct completion done;
	ntt_fn fn;
	void *ctx;
};

static enum hrtimer_restart hardirq_fire(struct hrtimer *t)
{
	struct hardirq_call *c = container_of(t, struct hardirq_call, timer);

	c->fn(c->ctx);
	complete(&c->done);
	return HRTIMER_NORESTART;
}

/* A HARD-mode hrtimer callback runs in hardirq context on every kernel. */
void ntt_helper_in_hardirq(ntt_fn fn, void *ctx)
{
	struct hardirq_call c = { .fn = fn, .ctx = ctx };

	init_completion(&c.done);
	hrtimer_init_on_stack(&c.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	c.timer.function = hardirq_fire;
	hrtimer_start(&c.timer, ns_to_ktime(1000), HRTIMER_MODE_REL_HARD);
	wait_for_completion(&c.done);
	hrtimer_cancel(&c.timer);
	destroy_hrtimer_on_stack(&c.timer);
}
EXPORT_SYMBOL_GPL(ntt_helper_in_hardirq);

struct thread_set {
	atomic_t ready;
	struct completion go;
	void (*fn)(void *ctx, int index);
	void *ctx;
	int count;
};

struct thread_arg {
	struct thread_set *set;
	int index;
	struct completion done;
};

static int thread_main(void *data)
{
	struct thread_arg *a = data;

	atomic_inc(&a->set->ready);
	wait_for_completion(&a->set->go);
	a->set->fn(a->set->ctx, a->index);
	complete(&a->done);
	return 0;
}

/* Runs fn(ctx, i) in count threads spread over the online CPUs, together. */
int ntt_helper_run_threads(int count, void (*fn)(void *ctx, int index), void *ctx)
{
	struct thread_set set = { .fn = fn, .ctx = ctx, .count = count };
	struct thread_arg *args;
	struct task_struct *t;
	int i, cpu = cpumask_first(cpu_online_mask);

	args = kcalloc(count, sizeof(*args), GFP_KERNEL);
	if (!args)
		return -ENOMEM;
	atomic_set(&set.ready, 0);
	init_completion(&set.go);
	for (i = 0; i < count; i++) {
		args[i].set = &set;
		args[i].index = i;
		init_completion(&args[i].done);
		t = kthread_create(thread_main, &args[i], "ntt_thread/%d", i);
		if (IS_ERR(t)) {
			/* Threads already made wait on go: let them finish. */
			count = i;
			break;
		}
		kthread_bind(t, cpu);
		wake_up_process(t);
		cpu = cpumask_next(cpu, cpu_online_mask);
		if (cpu >= nr_cpu_ids)
			cpu = cpumask_first(cpu_online_mask);
	}
	while (atomic_read(&set.ready) < count)
		msleep(1);
	complete_all(&set.go);
	for (i = 0; i < count; i++)
		wait_for_completion(&args[i].done);
	kfree(args);
	return count == set.count ? 0 : -ENOMEM;
}
EXPORT_SYMBOL_GPL(ntt_helper_run_threads);

struct bh_block {
	struct notifier_block nb;
	struct completion called;
	char module[MODULE_NAME_LEN];
	bool gone;
	ntt_fn fn;
	void *ctx;
};

/* Going comes after the module's exit routine: its unload is over. */
static int bh_block_notify(struct notifier_block *nb, unsigned long state, void *data)
{
	struct bh_block *b = container_of(nb, struct bh_block, nb);
	struct module *mod = data;

	if (state == MODULE_STATE_GOING && !strcmp(mod->name, b->module))
		WRITE_ONCE(b->gone, true);
	return NOTIFY_DONE;
}

/* Bounded well below the soft-lockup and RCU stall detectors. */
#define BH_BLOCK_MAX_MS	10000

static int bh_block_main(void *data)
{
	struct bh_block *b = data;
	unsigned int ms;

	local_bh_disable();
	b->fn(b->ctx);
	complete(&b->called);
	for (ms = 0; ms < BH_BLOCK_MAX_MS && !READ_ONCE(b->gone); ms++)
		mdelay(1);
	local_bh_enable();
	unregister_module_notifier(&b->nb);
	kfree(b);
	return 0;
}

/*
 * Calls fn(ctx) on another CPU than the caller's with softirqs (DPCs) held
 * off there, and keeps them held off until the module named has unloaded
 * (at most 10 s); the caller goes on meanwhile (on a CPU of its own).
 */
int ntt_helper_hold_dpcs_until_unloaded(const char *module, ntt_fn fn, void *ctx)
{
	int cpu = cpumask_any_but(cpu_online_mask, raw_smp_processor_id());
	struct task_struct *t;
	struct bh_block *b;
	int err;

	if (cpu >= nr_cpu_ids)
		return -ENODEV;
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	strscpy(b->module, module, sizeof(b->module));
	b->fn = fn;
	b->ctx = ctx;
	b->nb.notifier_call = bh_block_notify;
	init_completion(&b->called);
	err = register_module_notifier(&b->nb);
	if (err) {
		kfree(b);
		return err;
	}
	t = kthread_create(bh_block_main, b, "ntt_bh_block/%d", cpu);
	if (IS_ERR(t)) {
		unregister_module_notifier(&b->nb);
		kfree(b);
		return PTR_ERR(t);
	}
	kthread_bind(t, cpu);
	wake_up_process(t);
	wait_for_completion(&b->called);
	return 0;
}
EXPORT_SYMBOL_GPL(ntt_helper_hold_dpcs_until_unloaded);

int ntt_helper_preempt_rt(void)
{
	return IS_ENABLED(CONFIG_PREEMPT_RT);
}
EXPORT_SYMBOL_GPL(ntt_helper_preempt_rt);

/*
 * Software interrupt lines: a descriptor on the dummy chip with no owner
 * (so requesting it pins no module), fired with generic_handle_irq() from a
 * hard hrtimer, which is real hardirq context on every kernel.
 */
int ntt_helper_swirq_create(void)
{
	int irq = __irq_alloc_descs(-1, 1, 1, NUMA_NO_NODE, NULL, NULL);

	if (irq < 0)
		return irq;
	irq_set_chip_and_handler(irq, &dummy_irq_chip, handle_simple_irq);
	return irq;
}
EXPORT_SYMBOL_GPL(ntt_helper_swirq_create);

void ntt_helper_swirq_destroy(int irq)
{
	irq_free_descs(irq, 1);
}
EXPORT_SYMBOL_GPL(ntt_helper_swirq_destroy);

unsigned int ntt_helper_swirq_unhandled(int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? irq_data_to_desc(d)->irqs_unhandled : 0;
}
EXPORT_SYMBOL_GPL(ntt_helper_swirq_unhandled);

struct swirq_fire {
	struct hrtimer timer;
	struct completion done;
	ktime_t interval;
	unsigned int left;
	unsigned int burst;
	int irq;
};

static enum hrtimer_restart swirq_tick(struct hrtimer *t)
{
	struct swirq_fire *f = container_of(t, struct swirq_fire, timer);
	unsigned int n = min(f->burst, f->left);

	f->left -= n;
	while (n--)
		generic_handle_irq(f->irq);
	if (!f->left) {
		complete(&f->done);
		return HRTIMER_NORESTART;
	}
	hrtimer_forward_now(t, f->interval);
	return HRTIMER_RESTART;
}

/*
 * Fires count interrupts on this CPU, one every interval_us, or with
 * interval_us 0 as a storm (bursts of 20 every 20 us).  Returns when done.
 */
int ntt_helper_swirq_fire(int irq, unsigned int count, unsigned int interval_us)
{
	struct swirq_fire f = {
		.irq = irq, .left = count, .burst = interval_us ? 1 : 20,
		.interval = ns_to_ktime((interval_us ?: 20) * NSEC_PER_USEC),
	};

	if (!count)
		return 0;
	init_completion(&f.done);
	hrtimer_init_on_stack(&f.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	f.timer.function = swirq_tick;
	hrtimer_start(&f.timer, f.interval, HRTIMER_MODE_REL_PINNED_HARD);
	wait_for_completion(&f.done);
	hrtimer_cancel(&f.timer);
	destroy_hrtimer_on_stack(&f.timer);
	return count;
}
EXPORT_SYMBOL_GPL(ntt_helper_swirq_fire);

/* Moves the wall clock by delta_ns (the monotonic clock does not move). */
int ntt_helper_shift_clock(long long delta_ns)
{
	struct timespec64 ts;

	ktime_get_real_ts64(&ts);
	ts = timespec64_add(ts, ns_to_timespec64(delta_ns));
	return do_settimeofday64(&ts);
}
EXPORT_SYMBOL_GPL(ntt_helper_shift_clock);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ntshim test helper: Linux contexts for NT test drivers");
MODULE_INFO(test, "Y");
