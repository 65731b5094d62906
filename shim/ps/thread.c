// SPDX-License-Identifier: GPL-2.0
/*
 * System threads: PsCreateSystemThread on kthreads, and the handles and
 * references that keep a thread object.
 *
 * A thread object is a dispatcher object, signalled when the thread ends, so
 * a driver can wait for its thread in DriverUnload as NT drivers do: take a
 * reference with ObReferenceObjectByHandle, close the handle, stop the
 * thread, KeWaitForSingleObject on the object, ObDereferenceObject.  The
 * object lives while the thread runs or a handle or reference remains.
 * Handles are entries in ntshim's handle table, each closed once; object
 * pointers are checked against the list of live objects.  References may be
 * dropped at any IRQL up to DISPATCH_LEVEL, so the list has a raw lock and
 * the memory goes after an RCU grace period.  A driver's threads (those
 * whose routine lies in its image) make one resource of the driver, whose
 * wait lets unload wait for them.
 */
#include "ps.h"
#include "../io/io.h"
#include "../ke/ke.h"
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/xarray.h>

struct ntshim_thread {
	DISPATCHER_HEADER header;	/* first: the object drivers wait on */
	refcount_t refs;
	struct task_struct *task;
	PKSTART_ROUTINE routine;
	PVOID context;
	struct ntshim_res *group;	/* its driver's threads, or NULL */
	pid_t tid;
	KPRIORITY priority;		/* as KeSetPriorityThread last set it */
	struct list_head node;
	struct completion ended;
	struct rcu_head rcu;
};

struct _OBJECT_TYPE {
	const char *name;
};

static struct _OBJECT_TYPE ntshim_thread_type = { "Thread" };
static POBJECT_TYPE ntshim_thread_type_ptr = &ntshim_thread_type;
POBJECT_TYPE *PsThreadType = &ntshim_thread_type_ptr;
NTSHIM_EXPORT(PsThreadType);

/* Events by handle: a program's eventfd (ke/event.c). */
static struct _OBJECT_TYPE ntshim_event_type = { "Event" };
static POBJECT_TYPE ntshim_event_type_ptr = &ntshim_event_type;
POBJECT_TYPE *ExEventObjectType = &ntshim_event_type_ptr;
NTSHIM_EXPORT(ExEventObjectType);

static const struct ntshim_res_ops thread_group_ops;

/* NT starts system threads at the System process's base priority. */
#define NTSHIM_THREAD_PRIORITY	8

static LIST_HEAD(ntshim_threads);
static DEFINE_RAW_SPINLOCK(ntshim_threads_lock);

/* Kernel handles: NT's kernel-handle bit pattern around a table index. */
static DEFINE_XARRAY_ALLOC1(ntshim_handles);
#define HANDLE_KERNEL	0xffffffff80000000UL

static HANDLE handle_of(u32 id)
{
	return (HANDLE)(HANDLE_KERNEL | ((unsigned long)id << 2));
}

static bool handle_id(HANDLE h, u32 *id)
{
	unsigned long v = (unsigned long)h;

	if ((v & HANDLE_KERNEL) != HANDLE_KERNEL || (v & 3))
		return false;
	*id = (v & ~HANDLE_KERNEL) >> 2;
	return true;
}

/* The live thread object at this address, or of this task, with a reference. */
static struct ntshim_thread *thread_get(const void *object, struct task_struct *task)
{
	struct ntshim_thread *t, *found = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&ntshim_threads_lock, flags);
	list_for_each_entry(t, &ntshim_threads, node) {
		if ((object && t == object) || (task && t->task == task)) {
			if (refcount_inc_not_zero(&t->refs))
				found = t;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&ntshim_threads_lock, flags);
	return found;
}

static void thread_put(struct ntshim_thread *t)
{
	unsigned long flags;

	if (refcount_dec_not_one(&t->refs))
		return;
	raw_spin_lock_irqsave(&ntshim_threads_lock, flags);
	if (!refcount_dec_and_test(&t->refs)) {
		raw_spin_unlock_irqrestore(&ntshim_threads_lock, flags);
		return;
	}
	list_del(&t->node);
	raw_spin_unlock_irqrestore(&ntshim_threads_lock, flags);
	kfree_rcu(t, rcu);
}

/*
 * The thread ends: its level goes back to PASSIVE_LEVEL, its waiters wake,
 * and the running thread's reference goes.
 */
static void thread_finish(struct ntshim_thread *t)
{
	unsigned long flags;

	ntshim_irql_leave(PASSIVE_LEVEL, "system thread", t->routine);
	ntshim_kthread_ended(current, t->routine);
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	t->header.SignalState = 1;
	ntshim_signal_waiters(&t->header);
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	complete_all(&t->ended);
	thread_put(t);
}

static int thread_main(void *arg)
{
	struct ntshim_thread *t = arg;

	/* Its object is what KeGetCurrentThread gives, and what owns its mutexes. */
	if (ntshim_kthread_set_object(t))
		ntshim_complain(NTC_NO_MEMORY, t->routine,
				"no memory to record thread %pS's object", t->routine);
	t->routine(t->context);
	thread_finish(t);
	return 0;
}

static struct ntshim_thread *thread_alloc(PKSTART_ROUTINE routine, PVOID context)
{
	struct ntshim_thread *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	t->header.Type = ThreadObject;
	t->header.Size = sizeof(t->header) / sizeof(LONG);
	InitializeListHead(&t->header.WaitListHead);
	refcount_set(&t->refs, 2);	/* the handle and the running thread */
	init_completion(&t->ended);
	t->routine = routine;
	t->context = context;
	t->priority = NTSHIM_THREAD_PRIORITY;
	return t;
}

NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess,
				    POBJECT_ATTRIBUTES ObjectAttributes, HANDLE ProcessHandle,
				    PCLIENT_ID ClientId, PKSTART_ROUTINE StartRoutine,
				    PVOID StartContext)
{
	struct ntshim_driver *drv;
	struct ntshim_thread *t;
	struct task_struct *task;
	unsigned long flags;
	u32 id;

	/* The WDK says PASSIVE_LEVEL; Windows accepts APC_LEVEL, and so does ntshim. */
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, STATUS_INVALID_PARAMETER);
	if (!ThreadHandle || !StartRoutine) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"PsCreateSystemThread: no handle pointer or routine");
		return STATUS_INVALID_PARAMETER;
	}
	t = thread_alloc(StartRoutine, StartContext);
	if (!t)
		return STATUS_INSUFFICIENT_RESOURCES;
	drv = ntshim_driver_at(StartRoutine);
	if (drv) {
		t->group = ntshim_owner_get(&drv->resources, &thread_group_ops,
					    sizeof(*t->group));
		if (!t->group) {
			kfree(t);
			return STATUS_INSUFFICIENT_RESOURCES;
		}
	}
	if (xa_alloc(&ntshim_handles, &id, t, xa_limit_31b, GFP_KERNEL)) {
		kfree(t);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	task = kthread_create(thread_main, t, "nt:%ps", StartRoutine);
	if (IS_ERR(task)) {
		xa_erase(&ntshim_handles, id);
		kfree(t);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	t->task = task;
	t->tid = task_pid_nr(task);
	raw_spin_lock_irqsave(&ntshim_threads_lock, flags);
	list_add_tail(&t->node, &ntshim_threads);
	raw_spin_unlock_irqrestore(&ntshim_threads_lock, flags);
	*ThreadHandle = handle_of(id);
	if (ClientId) {
		ClientId->UniqueProcess = PsGetProcessId(PsInitialSystemProcess);
		ClientId->UniqueThread = (HANDLE)(ULONG_PTR)t->tid;
	}
	wake_up_process(task);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(PsCreateSystemThread);

NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus)
{
	struct ntshim_thread *t = thread_get(NULL, current);

	if (!t) {
		ntshim_complain(NTC_WRONG_CONTEXT, (void *)_RET_IP_,
				"PsTerminateSystemThread from a thread PsCreateSystemThread did not make");
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
	struct ntshim_thread *t = NULL;
	u32 id;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, STATUS_INVALID_PARAMETER);
	if (!Object) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"ObReferenceObjectByHandle: no Object pointer");
		return STATUS_INVALID_PARAMETER;
	}
	/* A program's event handle is an eventfd descriptor of the calling process. */
	if (ObjectType == *ExEventObjectType) {
		if ((LONG_PTR)Handle < 0 || (LONG_PTR)Handle > INT_MAX)
			return STATUS_INVALID_HANDLE;
		return ntshim_user_event_open((int)(LONG_PTR)Handle, Object, (void *)_RET_IP_);
	}
	if (ObjectType && ObjectType != *PsThreadType)
		return STATUS_OBJECT_TYPE_MISMATCH;
	if (handle_id(Handle, &id)) {
		xa_lock(&ntshim_handles);
		t = xa_load(&ntshim_handles, id);
		/* The handle's own reference keeps it: this one cannot fail. */
		if (t)
			refcount_inc(&t->refs);
		xa_unlock(&ntshim_handles);
	}
	if (!t) {
		ntshim_complain(NTC_BAD_HANDLE, (void *)_RET_IP_,
				"ObReferenceObjectByHandle: %p is not an open handle", Handle);
		return STATUS_INVALID_HANDLE;
	}
	*Object = t;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(ObReferenceObjectByHandle);

VOID NTAPI ObfDereferenceObject(PVOID Object)
{
	struct ntshim_thread *t = thread_get(Object, NULL);

	if (!t && (ntshim_user_event_put(Object, (void *)_RET_IP_) ||
		   ntshim_file_put(Object, (void *)_RET_IP_)))
		return;
	/* A device object's reference (IoGetAttachedDeviceReference). */
	if (!t && Object && ntshim_device_known(Object)) {
		ntshim_device_put(Object);
		return;
	}
	if (!t) {
		ntshim_complain(NTC_NOT_AN_OBJECT, (void *)_RET_IP_,
				"ObDereferenceObject: %p is not an object ntshim knows", Object);
		return;
	}
	thread_put(t);		/* the one just taken */
	thread_put(t);
}
NTSHIM_EXPORT(ObfDereferenceObject);

VOID NTAPI ObfReferenceObject(PVOID Object)
{
	if (Object && (ntshim_device_tryget(Object) ||
		       ntshim_user_event_get(Object, (void *)_RET_IP_) ||
		       ntshim_file_get(Object, (void *)_RET_IP_)))
		return;
	if (!thread_get(Object, NULL))
		ntshim_complain(NTC_NOT_AN_OBJECT, (void *)_RET_IP_,
				"ObReferenceObject: %p is not an object ntshim knows", Object);
}
NTSHIM_EXPORT(ObfReferenceObject);

NTSTATUS NTAPI ZwClose(HANDLE Handle)
{
	struct ntshim_thread *t = NULL;
	u32 id;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, STATUS_INVALID_PARAMETER);
	if (handle_id(Handle, &id))
		t = xa_erase(&ntshim_handles, id);
	if (!t) {
		ntshim_complain(NTC_BAD_HANDLE, (void *)_RET_IP_,
				"ZwClose: %p is not an open handle", Handle);
		return STATUS_INVALID_HANDLE;
	}
	thread_put(t);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(ZwClose);

/*
 * What the driver holds as a thread: a system thread's object (what
 * ObReferenceObjectByHandle gives, and KeGetCurrentThread in that thread),
 * or any other task as itself.
 */
PKTHREAD NTAPI KeGetCurrentThread(VOID)
{
	return ntshim_kthread_identity(current);
}
NTSHIM_EXPORT(KeGetCurrentThread);

HANDLE NTAPI PsGetCurrentThreadId(VOID)
{
	return (HANDLE)(ULONG_PTR)task_pid_nr(current);
}
NTSHIM_EXPORT(PsGetCurrentThreadId);

/* A thread object ntshim made (with a reference), or NULL if it is a task. */
static struct ntshim_thread *thread_object(PVOID thread)
{
	return thread ? thread_get(thread, NULL) : NULL;
}

HANDLE NTAPI PsGetThreadId(PETHREAD Thread)
{
	struct ntshim_thread *t = thread_object(Thread);
	pid_t tid;

	if (!t)
		return Thread ? (HANDLE)(ULONG_PTR)task_pid_nr((struct task_struct *)Thread) : NULL;
	tid = t->tid;
	thread_put(t);
	return (HANDLE)(ULONG_PTR)tid;
}
NTSHIM_EXPORT(PsGetThreadId);

/*
 * A thread's process: ntshim's system threads and other kernel threads are
 * the System process's, a program's thread its thread group leader.
 */
static PEPROCESS thread_process(PETHREAD Thread, const char *routine, const void *caller)
{
	struct ntshim_thread *t = thread_object(Thread);
	struct task_struct *task = (struct task_struct *)Thread;

	if (t) {
		thread_put(t);
		return PsInitialSystemProcess;
	}
	if (!Thread) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "%s: NULL thread", routine);
		return NULL;
	}
	if (task->flags & PF_KTHREAD)
		return PsInitialSystemProcess;
	return (PEPROCESS)task->group_leader;
}

HANDLE NTAPI PsGetThreadProcessId(PETHREAD Thread)
{
	PEPROCESS process = thread_process(Thread, "PsGetThreadProcessId", (void *)_RET_IP_);

	if (process == PsInitialSystemProcess)
		return (HANDLE)NTSHIM_SYSTEM_PROCESS_ID;
	return process ? (HANDLE)(ULONG_PTR)task_tgid_nr((struct task_struct *)process) : NULL;
}
NTSHIM_EXPORT(PsGetThreadProcessId);

PEPROCESS NTAPI PsGetThreadProcess(PETHREAD Thread)
{
	return thread_process(Thread, "PsGetThreadProcess", (void *)_RET_IP_);
}
NTSHIM_EXPORT(PsGetThreadProcess);

BOOLEAN NTAPI PsIsSystemThread(PETHREAD Thread)
{
	struct ntshim_thread *t = thread_object(Thread);

	if (t) {
		thread_put(t);
		return TRUE;
	}
	return Thread && (((struct task_struct *)Thread)->flags & PF_KTHREAD);
}
NTSHIM_EXPORT(PsIsSystemThread);

/* Linux's scheduling of a task that no KeSetPriorityThread has set, in NT's terms. */
static KPRIORITY priority_of_task(struct task_struct *task)
{
	if (task->policy == SCHED_FIFO || task->policy == SCHED_RR)
		return LOW_REALTIME_PRIORITY;
	return NTSHIM_THREAD_PRIORITY - task_nice(task) * 7 / 20;
}

/*
 * NT's 1..15 onto nice 19..-20 (8, NT's normal, is nice 0); NT's real-time
 * 16..31 onto SCHED_FIFO, low or middle, as Linux lets modules choose.
 */
static void priority_apply(struct task_struct *task, KPRIORITY priority)
{
	if (priority >= LOW_REALTIME_PRIORITY + 8)
		sched_set_fifo(task);
	else if (priority >= LOW_REALTIME_PRIORITY)
		sched_set_fifo_low(task);
	else
		sched_set_normal(task, clamp((NTSHIM_THREAD_PRIORITY - priority) * 20 / 7,
					     MIN_NICE, MAX_NICE));
}

KPRIORITY NTAPI KeQueryPriorityThread(PKTHREAD Thread)
{
	struct ntshim_thread *t = thread_object(Thread);
	KPRIORITY priority;

	if (t) {
		priority = READ_ONCE(t->priority);
		thread_put(t);
		return priority;
	}
	if (Thread == (PKTHREAD)current)
		return priority_of_task(current);
	ntshim_complain(NTC_NOT_AN_OBJECT, (void *)_RET_IP_,
			"KeQueryPriorityThread: %p is neither a thread object nor the caller", Thread);
	return 0;
}
NTSHIM_EXPORT(KeQueryPriorityThread);

static KPRIORITY priority_set(PKTHREAD Thread, KPRIORITY priority, const void *caller)
{
	struct ntshim_thread *t = thread_object(Thread);
	struct task_struct *task = NULL;
	unsigned long flags;
	KPRIORITY old;

	if (t) {
		old = xchg(&t->priority, priority);
		raw_spin_lock_irqsave(&ntshim_threads_lock, flags);
		/* A thread that has not ended still has its task (RCU keeps it here). */
		if (!completion_done(&t->ended))
			task = get_task_struct(t->task);
		raw_spin_unlock_irqrestore(&ntshim_threads_lock, flags);
		thread_put(t);
	} else if (Thread == (PKTHREAD)current) {
		old = priority_of_task(current);
		task = get_task_struct(current);
	} else {
		ntshim_complain(NTC_NOT_AN_OBJECT, caller,
				"priority of %p: neither a thread object nor the caller: unchanged", Thread);
		return 0;
	}
	if (task) {
		priority_apply(task, priority);
		put_task_struct(task);
	}
	return old;
}

/*
 * Scheduling changes sleep on Linux, so these take PASSIVE_LEVEL or
 * APC_LEVEL here; NT allows DISPATCH_LEVEL too.
 */
KPRIORITY NTAPI KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, 0);
	if (Priority <= LOW_PRIORITY || Priority > HIGH_PRIORITY) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"KeSetPriorityThread: priority %d outside 1..31: unchanged", Priority);
		return 0;
	}
	return priority_set(Thread, Priority, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeSetPriorityThread);

/* The increment over the System process's base: returns the previous one. */
LONG NTAPI KeSetBasePriorityThread(PKTHREAD Thread, LONG Increment)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, 0);
	Increment = clamp(Increment, 1 - NTSHIM_THREAD_PRIORITY,
			  LOW_REALTIME_PRIORITY - 1 - NTSHIM_THREAD_PRIORITY);
	return priority_set(Thread, NTSHIM_THREAD_PRIORITY + Increment, (void *)_RET_IP_) -
	       NTSHIM_THREAD_PRIORITY;
}
NTSHIM_EXPORT(KeSetBasePriorityThread);

/* A running thread of the group, with a reference; or NULL. */
static struct ntshim_thread *thread_of_group(struct ntshim_res *group)
{
	struct ntshim_thread *t, *found = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&ntshim_threads_lock, flags);
	list_for_each_entry(t, &ntshim_threads, node) {
		if (t->group == group && !completion_done(&t->ended) &&
		    refcount_inc_not_zero(&t->refs)) {
			found = t;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&ntshim_threads_lock, flags);
	return found;
}

/*
 * Unload: a driver's threads must have ended before its code goes.  One
 * whose object is signalled already (the driver waited for it, as NT
 * drivers do) is past the driver's code, finishing in ntshim's: waited
 * for without a complaint.
 */
static void thread_group_wait(struct ntshim_res *group)
{
	struct ntshim_thread *t;

	while ((t = thread_of_group(group))) {
		if (!READ_ONCE(t->header.SignalState))
			ntshim_complain(NTC_UNLOAD_THREAD, t->routine,
					"unloading while its thread %pS still runs: waiting for it to end",
					t->routine);
		wait_for_completion(&t->ended);
		thread_put(t);
	}
}

static unsigned int thread_group_release(struct ntshim_res *group)
{
	kfree(group);
	return 0;
}

static const struct ntshim_res_ops thread_group_ops = {
	.wait = thread_group_wait,
	.release = thread_group_release,
	.name = "threads",
};

/* Unload of ntshim: handles drivers never closed. */
void ntshim_thread_exit(void)
{
	struct ntshim_thread *t;
	unsigned long id;

	xa_for_each(&ntshim_handles, id, t) {
		xa_erase(&ntshim_handles, id);
		thread_put(t);
	}
	rcu_barrier();
}
