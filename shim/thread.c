// SPDX-License-Identifier: GPL-2.0
/*
 * System threads: PsCreateSystemThread on kthreads.
 *
 * A thread object is a dispatcher object, signalled when the thread ends, so
 * a driver can wait for its thread in DriverUnload as NT drivers do: take a
 * reference with ObReferenceObjectByHandle, close the handle, stop the
 * thread, KeWaitForSingleObject on the object, ObDereferenceObject.  A handle
 * is the object's address; the object lives while the thread runs or a
 * handle or reference remains.
 */
#include "ntshim.h"
#include <linux/kthread.h>
#include <linux/refcount.h>
#include <linux/slab.h>

struct ntshim_thread {
	DISPATCHER_HEADER header;	/* first: the object drivers wait on */
	refcount_t refs;
	struct task_struct *task;
	PKSTART_ROUTINE routine;
	PVOID context;
	struct list_head node;
};

struct _OBJECT_TYPE {
	const char *name;
};

static struct _OBJECT_TYPE ntshim_thread_type = { "Thread" };
static POBJECT_TYPE ntshim_thread_type_ptr = &ntshim_thread_type;
POBJECT_TYPE *PsThreadType = &ntshim_thread_type_ptr;
NTSHIM_EXPORT(PsThreadType);

static LIST_HEAD(ntshim_threads);
static DEFINE_SPINLOCK(ntshim_threads_lock);

/* The live thread object at this address, with a reference; or NULL. */
static struct ntshim_thread *thread_get(const void *object, struct task_struct *task)
{
	struct ntshim_thread *t, *found = NULL;

	spin_lock(&ntshim_threads_lock);
	list_for_each_entry(t, &ntshim_threads, node) {
		if ((object && t == object) || (task && t->task == task)) {
			if (refcount_inc_not_zero(&t->refs))
				found = t;
			break;
		}
	}
	spin_unlock(&ntshim_threads_lock);
	return found;
}

static void thread_put(struct ntshim_thread *t)
{
	if (!refcount_dec_and_lock(&t->refs, &ntshim_threads_lock))
		return;
	list_del(&t->node);
	spin_unlock(&ntshim_threads_lock);
	kfree(t);
}

/* The thread ends: wake its waiters, drop the running thread's reference. */
static void thread_finish(struct ntshim_thread *t)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	t->header.SignalState = 1;
	ntshim_signal_waiters(&t->header);
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	thread_put(t);
}

static int thread_main(void *arg)
{
	struct ntshim_thread *t = arg;

	t->routine(t->context);
	thread_finish(t);
	return 0;
}

NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess,
				    POBJECT_ATTRIBUTES ObjectAttributes, HANDLE ProcessHandle,
				    PCLIENT_ID ClientId, PKSTART_ROUTINE StartRoutine,
				    PVOID StartContext)
{
	struct ntshim_thread *t;
	struct task_struct *task;

	if (!ThreadHandle || !StartRoutine || ntshim_current_irql() != PASSIVE_LEVEL) {
		pr_err("PsCreateSystemThread: %s (from %pS)\n",
		       ThreadHandle && StartRoutine ? "called above PASSIVE_LEVEL" :
		       "no handle pointer or routine", __builtin_return_address(0));
		return STATUS_INVALID_PARAMETER;
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return STATUS_INSUFFICIENT_RESOURCES;
	t->header.Type = ThreadObject;
	t->header.Size = sizeof(t->header) / sizeof(LONG);
	InitializeListHead(&t->header.WaitListHead);
	refcount_set(&t->refs, 2);	/* the handle and the running thread */
	t->routine = StartRoutine;
	t->context = StartContext;
	task = kthread_create(thread_main, t, "nt:%ps", StartRoutine);
	if (IS_ERR(task)) {
		kfree(t);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	t->task = task;
	spin_lock(&ntshim_threads_lock);
	list_add_tail(&t->node, &ntshim_threads);
	spin_unlock(&ntshim_threads_lock);
	*ThreadHandle = (HANDLE)t;
	if (ClientId) {
		ClientId->UniqueProcess = NULL;
		ClientId->UniqueThread = (HANDLE)(ULONG_PTR)task_pid_nr(task);
	}
	wake_up_process(task);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(PsCreateSystemThread);

NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus)
{
	struct ntshim_thread *t = thread_get(NULL, current);

	if (!t) {
		pr_err("PsTerminateSystemThread from a thread PsCreateSystemThread did not make (from %pS)\n",
		       __builtin_return_address(0));
		return STATUS_INVALID_PARAMETER;
	}
	thread_put(t);
	thread_finish(t);
	kthread_complete_and_exit(NULL, ExitStatus);
}
NTSHIM_EXPORT(PsTerminateSystemThread);

NTSTATUS NTAPI ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess,
					 POBJECT_TYPE ObjectType, KPROCESSOR_MODE AccessMode,
					 PVOID *Object, PVOID HandleInformation)
{
	struct ntshim_thread *t;

	if (ObjectType && ObjectType != *PsThreadType)
		return STATUS_OBJECT_TYPE_MISMATCH;
	t = thread_get(Handle, NULL);
	if (!t || !Object) {
		if (t)
			thread_put(t);
		return STATUS_INVALID_HANDLE;
	}
	*Object = t;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(ObReferenceObjectByHandle);

static void object_put(PVOID Object, const char *fn, unsigned long caller)
{
	struct ntshim_thread *t = thread_get(Object, NULL);

	if (!t) {
		pr_err("%s: %p is not an object ntshim knows (from %pS)\n", fn, Object,
		       (void *)caller);
		return;
	}
	thread_put(t);		/* the one just taken */
	thread_put(t);
}

VOID NTAPI ObfDereferenceObject(PVOID Object)
{
	object_put(Object, "ObDereferenceObject", _RET_IP_);
}
NTSHIM_EXPORT(ObfDereferenceObject);

VOID NTAPI ObfReferenceObject(PVOID Object)
{
	if (!thread_get(Object, NULL))
		pr_err("ObReferenceObject: %p is not an object ntshim knows (from %pS)\n",
		       Object, __builtin_return_address(0));
}
NTSHIM_EXPORT(ObfReferenceObject);

NTSTATUS NTAPI ZwClose(HANDLE Handle)
{
	struct ntshim_thread *t = thread_get(Handle, NULL);

	if (!t)
		return STATUS_INVALID_HANDLE;
	thread_put(t);
	thread_put(t);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(ZwClose);

/* Unload: a driver's threads must have ended before its code goes. */
void ntshim_threads_wait_driver(const void *start, unsigned long size, const char *who)
{
	struct ntshim_thread *t, *found;

	for (;;) {
		found = NULL;
		spin_lock(&ntshim_threads_lock);
		list_for_each_entry(t, &ntshim_threads, node) {
			if ((void *)t->routine >= start && (void *)t->routine < start + size &&
			    !READ_ONCE(t->header.SignalState) && refcount_inc_not_zero(&t->refs)) {
				found = t;
				break;
			}
		}
		spin_unlock(&ntshim_threads_lock);
		if (!found)
			return;
		pr_warn("%s: unloading while its thread %pS still runs: waiting for it to end\n",
			who, found->routine);
		KeWaitForSingleObject(found, Executive, KernelMode, FALSE, NULL);
		thread_put(found);
	}
}
