// SPDX-License-Identifier: GPL-2.0
/*
 * ntshim_bench: each NT path against the Linux primitive it maps onto, in
 * one boot.  Every figure is the median of `trials` trials; each trial
 * repeats the operation `iters` times (scaled down for the smoke run).
 * Results go to the kernel log as "ntbench: <name> <unit> <nt> <linux>
 * trials=<n>" lines, which tests/vm/bench.sh turns into a table.
 */
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/kthread.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <ntshim/compat.h>
#include <ntshim/glue.h>

#define NTSHIM_KERNEL_SIDE 1
#include <ntddk.h>
#include "benchio.h"

static unsigned int scale = 100;	/* percent of the full run */
module_param(scale, uint, 0444);
static unsigned int trials = 7;
module_param(trials, uint, 0444);

#define BENCH_TAG	0x68636e42	/* "Bnch" */
#define N(full)	max_t(unsigned int, 10, (full) / 100 * scale)

static u64 now(void)
{
	return ktime_get_ns();
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 median(u64 *v, unsigned int n)
{
	sort(v, n, sizeof(*v), cmp_u64, NULL);
	return v[n / 2];
}

static void progress(const char *what)
{
	pr_info("ntbench-progress: %s\n", what);
}

static void report(const char *name, const char *unit, u64 nt, u64 lx)
{
	pr_info("ntbench: %s %s %llu %llu trials=%u\n", name, unit, nt, lx, trials);
}

/* ------------------------------------------------------------------ DPCs */

static u64 *lat;
static unsigned int lat_n;
static u64 lat_t0;

static void dpc_routine(PKDPC dpc, PVOID ctx, PVOID a1, PVOID a2)
{
	lat[lat_n++] = now() - lat_t0;
}

static void tasklet_cb(struct tasklet_struct *t)
{
	lat[lat_n++] = now() - lat_t0;
}

static KDPC bench_dpc;
static DECLARE_TASKLET(bench_tasklet, tasklet_cb);

/* Queue with bottom halves off, run them: queue-to-run latency per op. */
static void dpc_latency(bool nt, unsigned int n)
{
	unsigned int i;

	lat_n = 0;
	for (i = 0; i < n; i++) {
		local_bh_disable();
		lat_t0 = now();
		if (nt)
			KeInsertQueueDpc(&bench_dpc, NULL, NULL);
		else
			tasklet_schedule(&bench_tasklet);
		local_bh_enable();
	}
}

static u64 percentile(u64 *v, unsigned int n, unsigned int pct)
{
	sort(v, n, sizeof(*v), cmp_u64, NULL);
	return v[min(n - 1, n * pct / 100)];
}

static void bench_dpcs(void)
{
	unsigned int n = N(20000), t;
	u64 *tp_nt, *tp_lx, p[2][3], t0;

	progress("dpc");
	lat = vmalloc(array_size(n, sizeof(u64)));
	tp_nt = kcalloc(trials, sizeof(u64), GFP_KERNEL);
	tp_lx = kcalloc(trials, sizeof(u64), GFP_KERNEL);
	if (!lat || !tp_nt || !tp_lx)
		goto out;
	KeInitializeDpc(&bench_dpc, dpc_routine, NULL);
	for (t = 0; t < trials; t++) {
		t0 = now();
		dpc_latency(true, n);
		tp_nt[t] = (now() - t0) / n;
		t0 = now();
		dpc_latency(false, n);
		tp_lx[t] = (now() - t0) / n;
	}
	report("dpc_insert_to_run_per_op", "ns", median(tp_nt, trials), median(tp_lx, trials));
	dpc_latency(true, n);
	p[0][0] = percentile(lat, n, 50);
	p[0][1] = percentile(lat, n, 99);
	p[0][2] = lat[n - 1];
	dpc_latency(false, n);
	p[1][0] = percentile(lat, n, 50);
	p[1][1] = percentile(lat, n, 99);
	p[1][2] = lat[n - 1];
	report("dpc_latency_p50", "ns", p[0][0], p[1][0]);
	report("dpc_latency_p99", "ns", p[0][1], p[1][1]);
	report("dpc_latency_max", "ns", p[0][2], p[1][2]);
	KeFlushQueuedDpcs();
	tasklet_kill(&bench_tasklet);
out:
	vfree(lat);
	kfree(tp_nt);
	kfree(tp_lx);
}

/* ---------------------------------------------------------------- timers */

static enum hrtimer_restart bare_fire(struct hrtimer *h)
{
	return HRTIMER_NORESTART;
}

static void bench_timer_ops(void)
{
	unsigned int n = N(50000), t, i;
	u64 *nt = kcalloc(trials, sizeof(u64), GFP_KERNEL);
	u64 *lx = kcalloc(trials, sizeof(u64), GFP_KERNEL);
	LARGE_INTEGER due = { .QuadPart = -10000000LL };
	struct hrtimer h;
	KTIMER timer;
	u64 t0;

	progress("timer set+cancel");
	if (!nt || !lx)
		goto out;
	KeInitializeTimer(&timer);
	hrtimer_init_on_stack(&h, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	h.function = bare_fire;
	for (t = 0; t < trials; t++) {
		t0 = now();
		for (i = 0; i < n; i++) {
			KeSetTimer(&timer, due, NULL);
			KeCancelTimer(&timer);
		}
		nt[t] = (now() - t0) / n;
		t0 = now();
		for (i = 0; i < n; i++) {
			hrtimer_start(&h, ns_to_ktime(NSEC_PER_SEC), HRTIMER_MODE_REL_HARD);
			hrtimer_try_to_cancel(&h);
		}
		lx[t] = (now() - t0) / n;
	}
	hrtimer_cancel(&h);
	destroy_hrtimer_on_stack(&h);
	report("timer_set_cancel_per_op", "ns", median(nt, trials), median(lx, trials));
out:
	kfree(nt);
	kfree(lx);
}

/* Lateness: a 1 ms timer whose DPC (or, bare, whose tasklet) notes the time. */
static u64 late_due;
static s64 *lateness;
static unsigned int late_n;
static struct completion late_done;

static void late_dpc(PKDPC dpc, PVOID ctx, PVOID a1, PVOID a2)
{
	lateness[late_n++] = (s64)(now() - late_due);
	complete(&late_done);
}

static void late_tasklet(struct tasklet_struct *t)
{
	lateness[late_n++] = (s64)(now() - late_due);
	complete(&late_done);
}

static DECLARE_TASKLET(bare_late_tasklet, late_tasklet);

static enum hrtimer_restart bare_late_fire(struct hrtimer *h)
{
	tasklet_schedule(&bare_late_tasklet);
	return HRTIMER_NORESTART;
}

static int cmp_s64(const void *a, const void *b)
{
	s64 x = *(const s64 *)a, y = *(const s64 *)b;

	return x < y ? -1 : x > y;
}

static void lateness_report(const char *kind, s64 *v, unsigned int n, u64 out[4])
{
	unsigned int i, early = 0;

	for (i = 0; i < n; i++)
		early += v[i] < 0;
	sort(v, n, sizeof(*v), cmp_s64, NULL);
	out[0] = v[n / 2] < 0 ? 0 : v[n / 2];
	out[1] = v[min(n - 1, n * 99 / 100)];
	out[2] = v[n - 1];
	out[3] = early;
}

static void bench_lateness(void)
{
	unsigned int n = N(1000), i;
	u64 nt[4], lx[4];
	struct hrtimer h;
	KTIMER timer;
	KDPC dpc;

	progress("timer lateness");
	lateness = vmalloc(array_size(n, sizeof(s64)));
	if (!lateness)
		return;
	KeInitializeTimer(&timer);
	KeInitializeDpc(&dpc, late_dpc, NULL);
	late_n = 0;
	for (i = 0; i < n; i++) {
		init_completion(&late_done);
		late_due = now() + NSEC_PER_MSEC;
		KeSetTimer(&timer, (LARGE_INTEGER){ .QuadPart = -10000 }, &dpc);
		wait_for_completion(&late_done);
	}
	lateness_report("nt", lateness, n, nt);
	hrtimer_init_on_stack(&h, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	h.function = bare_late_fire;
	late_n = 0;
	for (i = 0; i < n; i++) {
		init_completion(&late_done);
		late_due = now() + NSEC_PER_MSEC;
		hrtimer_start(&h, ns_to_ktime(NSEC_PER_MSEC), HRTIMER_MODE_REL_HARD);
		wait_for_completion(&late_done);
	}
	hrtimer_cancel(&h);
	destroy_hrtimer_on_stack(&h);
	tasklet_kill(&bare_late_tasklet);
	lateness_report("linux", lateness, n, lx);
	KeFlushQueuedDpcs();
	report("timer_lateness_p50", "ns", nt[0], lx[0]);
	report("timer_lateness_p99", "ns", nt[1], lx[1]);
	report("timer_lateness_max", "ns", nt[2], lx[2]);
	report("timer_early_expiries", "count", nt[3], lx[3]);
	vfree(lateness);
}

/* IoTimer: intervals between calls, against the one second it promises. */
static u64 iot_last, iot_max_err, iot_sum_err;
static unsigned int iot_calls;

static void iotimer_routine(PDEVICE_OBJECT dev, PVOID ctx)
{
	u64 t = now();

	if (iot_last) {
		u64 d = t - iot_last, err = d > NSEC_PER_SEC ? d - NSEC_PER_SEC : NSEC_PER_SEC - d;

		iot_sum_err += err;
		iot_max_err = max(iot_max_err, err);
	}
	iot_last = t;
	iot_calls++;
}

static void bench_iotimer(PDEVICE_OBJECT dev)
{
	unsigned int secs = scale >= 100 ? 10 : 3;

	progress("iotimer cadence");
	if (!dev || IoInitializeTimer(dev, iotimer_routine, NULL) != STATUS_SUCCESS)
		return;
	IoStartTimer(dev);
	msleep(secs * 1000 + 500);
	IoStopTimer(dev);
	if (iot_calls > 1) {
		report("iotimer_cadence_mean_error", "us",
		       div_u64(iot_sum_err, iot_calls - 1) / 1000, 0);
		report("iotimer_cadence_max_error", "us", iot_max_err / 1000, 0);
	}
}

/* ----------------------------------------------------------------- locks */

static KSPIN_LOCK nt_lock;
static DEFINE_SPINLOCK(lx_lock);
static u64 shared_count;

enum lock_op { OP_KE_SPIN, OP_SPIN_BH, OP_KE_SYNC, OP_SPIN_IRQ };

static PKINTERRUPT bench_interrupt;
static BOOLEAN sync_routine(PVOID ctx);

static void lock_loop(enum lock_op op, unsigned int n)
{
	unsigned long flags;
	unsigned int i;
	KIRQL old;

	for (i = 0; i < n; i++) {
		switch (op) {
		case OP_KE_SPIN:
			KeAcquireSpinLock(&nt_lock, &old);
			shared_count++;
			KeReleaseSpinLock(&nt_lock, old);
			break;
		case OP_SPIN_BH:
			spin_lock_bh(&lx_lock);
			shared_count++;
			spin_unlock_bh(&lx_lock);
			break;
		case OP_KE_SYNC:
			KeSynchronizeExecution(bench_interrupt, sync_routine, NULL);
			break;
		case OP_SPIN_IRQ:
			spin_lock_irqsave(&lx_lock, flags);
			shared_count++;
			spin_unlock_irqrestore(&lx_lock, flags);
			break;
		}
	}
}

struct contend {
	enum lock_op nt;
	unsigned int n;
	atomic_t *ready;
	struct completion done;
};

static int contend_thread(void *arg)
{
	struct contend *c = arg;

	atomic_dec(c->ready);
	while (atomic_read(c->ready))
		cpu_relax();
	lock_loop(c->nt, c->n);
	complete(&c->done);
	return 0;
}

/* Both CPUs hammer the same lock: ns per acquire/release pair, overall. */
static u64 contended(enum lock_op nt, unsigned int n)
{
	struct contend c[2];
	struct task_struct *t;
	atomic_t ready;
	int i, cpus = min(2u, num_online_cpus());
	u64 t0;

	atomic_set(&ready, cpus);
	for (i = 0; i < cpus; i++) {
		c[i] = (struct contend){ .nt = nt, .n = n, .ready = &ready };
		init_completion(&c[i].done);
		t = kthread_create(contend_thread, &c[i], "ntbench/%d", i);
		if (IS_ERR(t))
			return 0;
		kthread_bind(t, i);
		wake_up_process(t);
	}
	t0 = now();
	for (i = 0; i < cpus; i++)
		wait_for_completion(&c[i].done);
	return (now() - t0) / (n * cpus);
}

static void bench_locks(void)
{
	unsigned int n = N(200000), t;
	u64 *nt = kcalloc(trials, sizeof(u64), GFP_KERNEL);
	u64 *lx = kcalloc(trials, sizeof(u64), GFP_KERNEL);
	u64 t0;

	progress("spin locks");
	if (!nt || !lx)
		goto out;
	for (t = 0; t < trials; t++) {
		t0 = now();
		lock_loop(OP_KE_SPIN, n);
		nt[t] = (now() - t0) / n;
		t0 = now();
		lock_loop(OP_SPIN_BH, n);
		lx[t] = (now() - t0) / n;
	}
	report("spinlock_uncontended_per_op", "ns", median(nt, trials), median(lx, trials));
	for (t = 0; t < trials; t++) {
		nt[t] = contended(OP_KE_SPIN, n / 4);
		lx[t] = contended(OP_SPIN_BH, n / 4);
	}
	report("spinlock_contended_per_op", "ns", median(nt, trials), median(lx, trials));
out:
	kfree(nt);
	kfree(lx);
}

/* ------------------------------------------------------------ interrupts */

static int bench_irq = -1;
static u64 isr_calls;

static BOOLEAN nt_isr(PKINTERRUPT in, PVOID ctx)
{
	isr_calls++;
	return TRUE;
}

static irqreturn_t lx_isr(int irq, void *dev)
{
	isr_calls++;
	return IRQ_HANDLED;
}

struct irq_burst {
	struct hrtimer timer;
	struct completion done;
	unsigned int left, per_tick;
	u64 ns;
	ktime_t gap;
};

static enum hrtimer_restart burst_tick(struct hrtimer *t)
{
	struct irq_burst *b = container_of(t, struct irq_burst, timer);
	unsigned int k = min(b->per_tick, b->left);
	u64 t0 = now();

	b->left -= k;
	while (k--)
		generic_handle_irq(bench_irq);
	b->ns += now() - t0;
	if (!b->left) {
		complete(&b->done);
		return HRTIMER_NORESTART;
	}
	hrtimer_forward_now(t, b->gap);
	return HRTIMER_RESTART;
}

/* ns per interrupt, in hardirq: flat out (bursts) or at 10 kHz. */
static u64 irq_cost(unsigned int n, bool flat_out)
{
	struct irq_burst b = {
		.left = n, .per_tick = flat_out ? 1000 : 1,
		.gap = ns_to_ktime(flat_out ? 50 * NSEC_PER_USEC : 100 * NSEC_PER_USEC),
	};

	init_completion(&b.done);
	hrtimer_init_on_stack(&b.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	b.timer.function = burst_tick;
	hrtimer_start(&b.timer, b.gap, HRTIMER_MODE_REL_PINNED_HARD);
	wait_for_completion(&b.done);
	hrtimer_cancel(&b.timer);
	destroy_hrtimer_on_stack(&b.timer);
	return div_u64(b.ns, n);
}

static void bench_interrupts(void)
{
	unsigned int n = N(20000), t;
	u64 *v[4];
	int i;

	progress("interrupts");
	bench_irq = __irq_alloc_descs(-1, 1, 1, NUMA_NO_NODE, NULL, NULL);
	if (bench_irq < 0)
		return;
	irq_set_chip_and_handler(bench_irq, &dummy_irq_chip, handle_simple_irq);
	for (i = 0; i < 4; i++)
		v[i] = kcalloc(trials, sizeof(u64), GFP_KERNEL);
	for (t = 0; t < trials && v[0] && v[1] && v[2] && v[3]; t++) {
		if (IoConnectInterrupt(&bench_interrupt, nt_isr, NULL, NULL, bench_irq, 5, 5,
				       LevelSensitive, FALSE, ~0UL, FALSE) != STATUS_SUCCESS)
			break;
		v[0][t] = irq_cost(n, true);
		v[1][t] = irq_cost(n / 10, false);
		IoDisconnectInterrupt(bench_interrupt);
		if (request_irq(bench_irq, lx_isr, 0, "ntbench", NULL))
			break;
		v[2][t] = irq_cost(n, true);
		v[3][t] = irq_cost(n / 10, false);
		free_irq(bench_irq, NULL);
	}
	if (t == trials) {
		report("interrupt_flat_out_per_irq", "ns", median(v[0], trials), median(v[2], trials));
		report("interrupt_10khz_per_irq", "ns", median(v[1], trials), median(v[3], trials));
	}
	for (i = 0; i < 4; i++)
		kfree(v[i]);
}

static BOOLEAN sync_routine(PVOID ctx)
{
	shared_count++;
	return TRUE;
}

static void bench_synchronize(void)
{
	unsigned int n = N(200000), t;
	u64 *nt = kcalloc(trials, sizeof(u64), GFP_KERNEL);
	u64 *lx = kcalloc(trials, sizeof(u64), GFP_KERNEL);
	u64 t0;

	progress("KeSynchronizeExecution");
	if (!nt || !lx || bench_irq < 0 ||
	    IoConnectInterrupt(&bench_interrupt, nt_isr, NULL, NULL, bench_irq, 5, 5,
			       LevelSensitive, FALSE, ~0UL, FALSE) != STATUS_SUCCESS)
		goto out;
	pr_info("ntbench-size: KINTERRUPT %zu (allocated by ntshim; opaque in NT)\n",
		ksize(bench_interrupt));
	for (t = 0; t < trials; t++) {
		t0 = now();
		lock_loop(OP_KE_SYNC, n);
		nt[t] = (now() - t0) / n;
		t0 = now();
		lock_loop(OP_SPIN_IRQ, n);
		lx[t] = (now() - t0) / n;
	}
	report("synchronize_execution_per_op", "ns", median(nt, trials), median(lx, trials));
	for (t = 0; t < trials; t++) {
		nt[t] = contended(OP_KE_SYNC, n / 4);
		lx[t] = contended(OP_SPIN_IRQ, n / 4);
	}
	report("synchronize_execution_contended_per_op", "ns", median(nt, trials),
	       median(lx, trials));
	IoDisconnectInterrupt(bench_interrupt);
out:
	kfree(nt);
	kfree(lx);
}

/* ----------------------------------------------------------------- scale */

static atomic_t burst_left;
static struct completion burst_done;

static void burst_dpc(PKDPC dpc, PVOID ctx, PVOID a1, PVOID a2)
{
	if (atomic_dec_and_test(&burst_left))
		complete(&burst_done);
}

static void bench_scale(void)
{
	unsigned int timers = N(100000), dpcs = N(10000), i;
	LARGE_INTEGER due = { .QuadPart = -600000000LL };	/* 60 s */
	PKTIMER t;
	PKDPC d;
	KIRQL old;
	u64 t0, arm_ns, cancel_ns, burst_ns;

	progress("scale");
	/* Pool, so that freeing it takes the objects out of ntshim's tracking. */
	t = ExAllocatePoolWithTag(NonPagedPool, (SIZE_T)timers * sizeof(KTIMER), BENCH_TAG);
	d = ExAllocatePoolWithTag(NonPagedPool, (SIZE_T)dpcs * sizeof(KDPC), BENCH_TAG);
	if (!t || !d)
		goto out;
	for (i = 0; i < timers; i++)
		KeInitializeTimer(&t[i]);
	t0 = now();
	for (i = 0; i < timers; i++)
		KeSetTimer(&t[i], due, NULL);
	arm_ns = now() - t0;
	t0 = now();
	for (i = 0; i < timers; i++)
		KeCancelTimer(&t[i]);
	cancel_ns = now() - t0;
	pr_info("ntbench-scale: %u KTIMERs armed in %llu us, cancelled in %llu us, %zu bytes\n",
		timers, arm_ns / 1000, cancel_ns / 1000, (size_t)timers * sizeof(KTIMER));
	report("scale_ktimers_arm_total", "us", arm_ns / 1000, 0);

	for (i = 0; i < dpcs; i++)
		KeInitializeDpc(&d[i], burst_dpc, NULL);
	atomic_set(&burst_left, dpcs);
	init_completion(&burst_done);
	t0 = now();
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	for (i = 0; i < dpcs; i++)
		KeInsertQueueDpc(&d[i], NULL, NULL);
	KeLowerIrql(old);
	wait_for_completion(&burst_done);
	burst_ns = now() - t0;
	pr_info("ntbench-scale: %u DPCs queued in one burst ran in %llu us, %zu bytes\n",
		dpcs, burst_ns / 1000, (size_t)dpcs * sizeof(KDPC));
	report("scale_dpc_burst_total", "us", burst_ns / 1000, 0);
out:
	if (t)
		ExFreePoolWithTag(t, BENCH_TAG);
	if (d)
		ExFreePoolWithTag(d, BENCH_TAG);
}

static void bench_sizes(void)
{
	pr_info("ntbench-size: KDPC %zu (NT x64 64), KTIMER %zu (NT x64 64), KEVENT %zu (NT x64 24)\n",
		sizeof(KDPC), sizeof(KTIMER), sizeof(KEVENT));
}

/* ------------------------------------------------------------- requests */

/*
 * What a plain Linux driver does for the NT driver's requests
 * (tests/drivers/io/benchio.c), for tests/user/ntt_benchio.c to time side
 * by side: an echo through a kernel buffer, and reads of a buffer of its
 * own straight into the program's.
 */
static void *lx_source;

static long lx_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct ntshim_bench_echo req;
	size_t len;
	void *buf;
	long ret = 0;

	if (cmd != NTSHIM_BENCH_IOC_ECHO)
		return -ENOTTY;
	if (copy_from_user(&req, (void __user *)arg, sizeof(req)))
		return -EFAULT;
	len = min(req.in_length, req.out_length);
	if (req.in_length > NTT_BENCH_READ_MAX || req.out_length > NTT_BENCH_READ_MAX)
		return -EINVAL;
	buf = kzalloc(max(req.in_length, req.out_length) ?: 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, u64_to_user_ptr(req.in), req.in_length) ||
	    copy_to_user(u64_to_user_ptr(req.out), buf, len))
		ret = -EFAULT;
	kfree(buf);
	return ret ?: len;
}

static ssize_t lx_read(struct file *filp, char __user *buf, size_t count, loff_t *pos)
{
	count = min_t(size_t, count, NTT_BENCH_READ_MAX);
	if (copy_to_user(buf, lx_source, count))
		return -EFAULT;
	*pos += count;
	return count;
}

static const struct file_operations lx_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = lx_ioctl,
	.read = lx_read,
	.llseek = noop_llseek,
};

static struct miscdevice lx_device = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ntshim_bench",
	.fops = &lx_fops,
	.mode = 0600,
};

static bool lx_registered;

static void bench_requests_device(void)
{
	lx_source = vmalloc(NTT_BENCH_READ_MAX);
	if (!lx_source)
		return;
	memset(lx_source, 0x5a, NTT_BENCH_READ_MAX);
	lx_registered = !misc_register(&lx_device);
}

/*
 * The bench registers as an NT driver through ntshim's glue, so it has a
 * driver object for IoTimer's device, and ntshim cleans up after it.
 */
static struct ntshim_driver *bench_driver;

static VOID bench_unload(PDRIVER_OBJECT DriverObject)
{
	while (DriverObject->DeviceObject)
		IoDeleteDevice(DriverObject->DeviceObject);
}

static int bench_entry(struct _DRIVER_OBJECT *DriverObject, struct _UNICODE_STRING *path)
{
	PDEVICE_OBJECT dev = NULL;

	IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev);
	DriverObject->DriverUnload = bench_unload;
	bench_sizes();
	bench_dpcs();
	bench_timer_ops();
	bench_lateness();
	bench_iotimer(dev);
	bench_locks();
	bench_interrupts();
	bench_synchronize();
	bench_scale();
	bench_requests_device();
	pr_info("ntbench-done\n");
	return STATUS_SUCCESS;
}

static int __init ntshim_bench_init(void)
{
	return ntshim_driver_load(THIS_MODULE, bench_entry, &bench_driver);
}

static void __exit ntshim_bench_exit(void)
{
	if (lx_registered)
		misc_deregister(&lx_device);
	vfree(lx_source);
	ntshim_driver_unload(bench_driver);
	if (bench_irq >= 0)
		irq_free_descs(bench_irq, 1);
}

module_init(ntshim_bench_init);
module_exit(ntshim_bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ntshim benchmark: NT paths against the Linux primitives");
NTSHIM_IMPORT_NS();
