// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt objects: IoConnectInterrupt, IoDisconnectInterrupt,
 * KeSynchronizeExecution, KeAcquire/ReleaseInterruptSpinLock, on
 * request_irq / free_irq.
 *
 * The Linux handler calls the NT ISR with interrupts off on this CPU and the
 * interrupt's spin lock held (the caller's KSPIN_LOCK when it gave one, so
 * several objects can share it), at the object's SynchronizeIrql.
 * KeSynchronizeExecution takes the same lock the same way, so it never
 * overlaps the ISR on any CPU.  On PREEMPT_RT the handler is a forced
 * threaded one (other handlers sharing the line may sleep, so ntshim does
 * not ask for a hard interrupt); turning interrupts off around the ISR keeps
 * it from being preempted while it holds the lock, so exclusion holds there
 * too.  The ISR's BOOLEAN becomes IRQ_HANDLED or IRQ_NONE.
 */
#include "io.h"
#include "../ke/ke.h"
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/slab.h>
#include <asm/fpu/api.h>

struct _KINTERRUPT {
	struct list_head node;		/* ntshim_interrupts */
	struct ntshim_res res;		/* on its driver's owner list, if any */
	struct ntshim_driver *drv;	/* whose image holds the ISR */
	bool freed;			/* the line is free: the ISR never runs again */
	PKSERVICE_ROUTINE isr;
	PVOID context;
	PKSPIN_LOCK lock;
	KSPIN_LOCK own_lock;
	unsigned int irq;
	KIRQL irql;
	KIRQL sync_irql;
	KINTERRUPT_MODE mode;
	BOOLEAN floating_save;
	char *name;
};

static LIST_HEAD(ntshim_interrupts);
static DEFINE_MUTEX(ntshim_interrupts_lock);

/* Raise to the object's level (interrupts off) and take its lock. */
/* A thread below DISPATCH_LEVEL, the common case, takes core.h's short path. */
static __always_inline KIRQL interrupt_lock(PKINTERRUPT in)
{
	KIRQL old = ntshim_irql_raise_to(in->sync_irql);

	ntshim_word_lock(in->lock, 1);
	return old;
}

static __always_inline void interrupt_unlock(PKINTERRUPT in, KIRQL old, const void *caller)
{
	ntshim_word_unlock(in->lock);
	ntshim_irql_lower_from(in->sync_irql, old, caller);
}

static irqreturn_t ntshim_isr(int irq, void *dev_id)
{
	PKINTERRUPT in = dev_id;
	/* A hard interrupt's handler runs with interrupts off; a threaded one does not. */
	bool threaded = !ntshim_in_hardirq();
	unsigned long flags = 0;
	BOOLEAN claimed;
	KIRQL prev;

	if (threaded)
		local_irq_save(flags);
	prev = this_cpu_read(ntshim_isr_level);
	this_cpu_write(ntshim_isr_level, in->sync_irql);
	ntshim_word_lock(in->lock, 1);
	if (in->floating_save && irq_fpu_usable()) {
		kernel_fpu_begin();
		claimed = in->isr(in, in->context);
		kernel_fpu_end();
	} else {
		claimed = in->isr(in, in->context);
	}
	ntshim_word_unlock(in->lock);
	if (unlikely(threaded ? !ntshim_irql_unraised() :
				!ntshim_irql_unraised_in(NTSHIM_CTX_HARDIRQ)))
		ntshim_irql_leave(in->sync_irql, "ISR", in->isr);
	this_cpu_write(ntshim_isr_level, prev);
	if (threaded)
		local_irq_restore(flags);
	return claimed ? IRQ_HANDLED : IRQ_NONE;
}

/*
 * A line already taken, unless both sides share it.  Checked before
 * request_irq, which reports a mismatch with a stack dump on DEBUG_SHIRQ
 * kernels; request_irq still has the last word.
 */
static bool interrupt_line_busy(unsigned int irq, BOOLEAN share)
{
	struct irq_desc *desc = irq_data_to_desc(irq_get_irq_data(irq));
	struct irqaction *action = READ_ONCE(desc->action);

	return action && (!share || !(action->flags & IRQF_SHARED));
}

static NTSTATUS interrupt_check(PKINTERRUPT *InterruptObject, PKSERVICE_ROUTINE isr,
				ULONG Vector, KIRQL Irql, KIRQL SynchronizeIrql,
				KAFFINITY mask, BOOLEAN share, const void *caller)
{
	KAFFINITY online = ntshim_active_processors();

	if (!InterruptObject || !isr) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "IoConnectInterrupt: no %s",
				isr ? "InterruptObject pointer" : "ServiceRoutine");
		return STATUS_INVALID_PARAMETER;
	}
	if (!(mask & online)) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"IoConnectInterrupt: processor mask %#lx has no online processor", mask);
		return STATUS_INVALID_PARAMETER;
	}
	if (Irql <= DISPATCH_LEVEL || Irql > HIGH_LEVEL || SynchronizeIrql < Irql ||
	    SynchronizeIrql > HIGH_LEVEL) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"IoConnectInterrupt: Irql %u / SynchronizeIrql %u refused", Irql,
				SynchronizeIrql);
		return STATUS_INVALID_PARAMETER;
	}
	if (!irq_get_irq_data(Vector)) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "IoConnectInterrupt: no interrupt line %u",
				Vector);
		return STATUS_INVALID_PARAMETER;
	}
	if (interrupt_line_busy(Vector, share)) {
		ntshim_complain(NTC_RESOURCE_BUSY, caller,
				"IoConnectInterrupt: line %u cannot be connected: in use and not shared",
				Vector);
		return STATUS_INVALID_PARAMETER;
	}
	return STATUS_SUCCESS;
}

/*
 * The line is given back: free_irq waits for a running handler, and the ISR
 * never runs again.  (With DEBUG_SHIRQ it calls a shared ISR once more on
 * the way, which a correct NT ISR declines.)
 */
static void interrupt_res_stop(struct ntshim_res *res)
{
	PKINTERRUPT in = container_of(res, struct _KINTERRUPT, res);

	mutex_lock(&ntshim_interrupts_lock);
	list_del_init(&in->node);
	mutex_unlock(&ntshim_interrupts_lock);
	if (!in->freed)
		free_irq(in->irq, in);
	in->freed = true;
}

static unsigned int interrupt_res_release(struct ntshim_res *res)
{
	PKINTERRUPT in = container_of(res, struct _KINTERRUPT, res);

	interrupt_res_stop(res);
	kfree(in->name);
	kfree(in);
	return 1;
}

static const struct ntshim_res_ops interrupt_res_ops = {
	.stop = interrupt_res_stop,
	.release = interrupt_res_release,
	.leftover = "interrupt(s) still connected: disconnected",
	.name = "interrupts",
};

static PKINTERRUPT interrupt_alloc(PKSERVICE_ROUTINE isr, PVOID context, PKSPIN_LOCK lock,
				   ULONG vector, KIRQL irql, KIRQL sync_irql,
				   KINTERRUPT_MODE mode, BOOLEAN floating_save)
{
	PKINTERRUPT in = kzalloc(sizeof(*in), GFP_KERNEL);

	if (!in)
		return NULL;
	in->name = kasprintf(GFP_KERNEL, "nt:%ps", isr);
	if (!in->name) {
		kfree(in);
		return NULL;
	}
	INIT_LIST_HEAD(&in->node);
	in->isr = isr;
	in->context = context;
	in->lock = lock ? lock : &in->own_lock;
	in->irq = vector;
	in->irql = irql;
	in->sync_irql = sync_irql;
	in->mode = mode;
	in->floating_save = floating_save;
	in->drv = ntshim_driver_at(isr);
	return in;
}

/* Lines whose chip cannot be steered keep their affinity. */
static void interrupt_steer(unsigned int irq, KAFFINITY mask)
{
	cpumask_var_t cpus;
	int cpu;

	if (!zalloc_cpumask_var(&cpus, GFP_KERNEL))
		return;
	for_each_online_cpu(cpu)
		if (cpu < BITS_PER_LONG && (mask & (1UL << cpu)))
			cpumask_set_cpu(cpu, cpus);
	irq_set_affinity(irq, cpus);
	free_cpumask_var(cpus);
}

NTSTATUS NTAPI IoConnectInterrupt(PKINTERRUPT *InterruptObject,
				  PKSERVICE_ROUTINE ServiceRoutine, PVOID ServiceContext,
				  PKSPIN_LOCK SpinLock, ULONG Vector, KIRQL Irql,
				  KIRQL SynchronizeIrql, KINTERRUPT_MODE InterruptMode,
				  BOOLEAN ShareVector, KAFFINITY ProcessorEnableMask,
				  BOOLEAN FloatingSave)
{
	PKINTERRUPT in;
	NTSTATUS status;
	int err;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_PARAMETER);
	status = interrupt_check(InterruptObject, ServiceRoutine, Vector, Irql,
				 SynchronizeIrql, ProcessorEnableMask, ShareVector,
				 (void *)_RET_IP_);
	if (!NT_SUCCESS(status))
		return status;
	*InterruptObject = NULL;
	in = interrupt_alloc(ServiceRoutine, ServiceContext, SpinLock, Vector, Irql,
			     SynchronizeIrql, InterruptMode, FloatingSave);
	if (!in)
		return STATUS_INSUFFICIENT_RESOURCES;
	/* As in NT, the ISR may be called before IoConnectInterrupt returns. */
	err = request_irq(Vector, ntshim_isr, ShareVector ? IRQF_SHARED : 0, in->name, in);
	if (err) {
		ntshim_complain(err == -EBUSY ? NTC_RESOURCE_BUSY : NTC_BAD_ARGUMENT,
				(void *)_RET_IP_, "IoConnectInterrupt: line %u cannot be connected (%d)",
				Vector, err);
		in->freed = true;
		interrupt_res_release(&in->res);
		return err == -ENOMEM ? STATUS_INSUFFICIENT_RESOURCES : STATUS_INVALID_PARAMETER;
	}
	interrupt_steer(Vector, ProcessorEnableMask);
	mutex_lock(&ntshim_interrupts_lock);
	list_add_tail(&in->node, &ntshim_interrupts);
	mutex_unlock(&ntshim_interrupts_lock);
	if (in->drv && !ntshim_owner_add(&in->drv->resources, &in->res, &interrupt_res_ops)) {
		interrupt_res_release(&in->res);
		return STATUS_DELETE_PENDING;
	}
	*InterruptObject = in;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(IoConnectInterrupt);


VOID NTAPI IoDisconnectInterrupt(PKINTERRUPT InterruptObject)
{
	PKINTERRUPT in, found = NULL;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	mutex_lock(&ntshim_interrupts_lock);
	list_for_each_entry(in, &ntshim_interrupts, node)
		if (in == InterruptObject) {
			found = in;
			break;
		}
	mutex_unlock(&ntshim_interrupts_lock);
	if (!found) {
		ntshim_complain(NTC_NOT_AN_OBJECT, (void *)_RET_IP_,
				"IoDisconnectInterrupt: %p is not a connected interrupt object: ignored",
				InterruptObject);
		return;
	}
	/* Unless its driver's unload is releasing it this moment. */
	if (!found->drv || ntshim_owner_remove(&found->drv->resources, &found->res))
		interrupt_res_release(&found->res);
}
NTSHIM_EXPORT(IoDisconnectInterrupt);

static noinline void synchronize_leave(PKINTERRUPT in, KIRQL old,
				       PKSYNCHRONIZE_ROUTINE routine, const void *caller)
{
	ntshim_irql_leave(in->sync_irql, "SynchronizeRoutine", routine);
	interrupt_unlock(in, old, caller);
}

BOOLEAN NTAPI KeSynchronizeExecution(PKINTERRUPT Interrupt,
				     PKSYNCHRONIZE_ROUTINE SynchronizeRoutine,
				     PVOID SynchronizeContext)
{
	/* Fixed while connected: read once, so the inline paths share it. */
	KIRQL level = Interrupt->sync_irql;
	KIRQL old = interrupt_lock(Interrupt);
	BOOLEAN ret;

	ret = SynchronizeRoutine(SynchronizeContext);
	/* A thread's own raise, still as it was, needs no closer look. */
	if (likely(ntshim_irql_low_can_lower(level, old))) {
		ntshim_word_unlock(Interrupt->lock);
		ntshim_irql_low_lower(level, old);
	} else {
		synchronize_leave(Interrupt, old, SynchronizeRoutine, (void *)_RET_IP_);
	}
	return ret;
}
NTSHIM_EXPORT(KeSynchronizeExecution);

KIRQL NTAPI KeAcquireInterruptSpinLock(PKINTERRUPT Interrupt)
{
	return interrupt_lock(Interrupt);
}
NTSHIM_EXPORT(KeAcquireInterruptSpinLock);

VOID NTAPI KeReleaseInterruptSpinLock(PKINTERRUPT Interrupt, KIRQL OldIrql)
{
	interrupt_unlock(Interrupt, OldIrql, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeReleaseInterruptSpinLock);


/* The DpcForIsr: the device's own DPC, queued from its ISR. */
VOID NTAPI IoInitializeDpcRequest(PDEVICE_OBJECT DeviceObject, PIO_DPC_ROUTINE DpcRoutine)
{
	ntshim_dpc_init_io(&DeviceObject->Dpc, DpcRoutine, DeviceObject);
}
NTSHIM_EXPORT(IoInitializeDpcRequest);

VOID NTAPI IoRequestDpc(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
	ntshim_dpc_insert(&DeviceObject->Dpc, Irp, Context, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoRequestDpc);
