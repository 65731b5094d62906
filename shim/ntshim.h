/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntshim internals: the Linux side of the NT driver interface.
 *
 * Linux headers come first; the NT headers follow with NTSHIM_KERNEL_SIDE
 * set, so that NT macros only reach ntshim's own code.
 */
#ifndef NTSHIM_H
#define NTSHIM_H

#define pr_fmt(fmt) "ntshim: " fmt

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <ntshim/compat.h>
#include <ntshim/glue.h>
#include "objects.h"
#include "complaint.h"

#define NTSHIM_KERNEL_SIDE 1
#include <ntddk.h>
#include <ntshimext.h>

/* A loaded NT driver: its DRIVER_OBJECT and what ntshim keeps for it. */
struct ntshim_driver {
	struct list_head node;
	struct module *owner;
	DRIVER_OBJECT object;
	DRIVER_EXTENSION extension;
	UNICODE_STRING registry_path;
	WCHAR name_buf[sizeof("\\Driver\\") + MODULE_NAME_LEN];
	WCHAR registry_buf[sizeof("\\Registry\\Machine\\System\\CurrentControlSet\\Services\\") +
			   MODULE_NAME_LEN];
	bool pinned;
	struct task_struct *entry_task;	/* the thread running DriverEntry */
	bool pageable;		/* MmPageEntireDriver, for the record */
	ULONG reinit_count;
	ULONG boot_reinit_count;
};

/* Is the address in the driver's image (text, data or init)? */
static inline bool ntshim_in_driver(const struct ntshim_driver *drv, const void *addr)
{
	return addr && within_module((unsigned long)addr, drv->owner);
}

/* driver.c */
extern struct mutex ntshim_io_lock;
struct ntshim_driver *ntshim_driver_from_object(PDRIVER_OBJECT object);
struct ntshim_driver *ntshim_driver_at(const void *address);
bool ntshim_driver_name_at(const void *address, char *name, size_t size);
void ntshim_driver_show(struct seq_file *m);

/* device.c */
void ntshim_delete_driver_devices(struct ntshim_driver *drv);
struct ntshim_driver *ntshim_device_driver(PDEVICE_OBJECT dev);
bool ntshim_device_live(PDEVICE_OBJECT dev);
void ntshim_device_get(PDEVICE_OBJECT dev);
void ntshim_device_put(PDEVICE_OBJECT dev);

/* irp.c */
NTSTATUS ntshim_invalid_request(PDEVICE_OBJECT device, PIRP irp);

/*
 * A KSPIN_LOCK word: zero is free, otherwise it holds an owner token.
 * Spin on plain reads, so waiters do not bounce the line with writes.
 */
static inline void ntshim_word_lock(PKSPIN_LOCK lock, unsigned long owner)
{
	unsigned long *word = (unsigned long *)lock;

	while (unlikely(cmpxchg_acquire(word, 0UL, owner) != 0)) {
		do {
			cpu_relax();
		} while (READ_ONCE(*word));
	}
}

static inline void ntshim_word_unlock(PKSPIN_LOCK lock)
{
	smp_store_release((unsigned long *)lock, 0UL);
}

/* irql.c */
KIRQL ntshim_current_irql(void);
KIRQL ntshim_isr_irql(void);
void ntshim_irql_leave(KIRQL entry, const char *what, const void *routine);
void ntshim_irql_task_exit(struct task_struct *task);
int ntshim_irql_init(void);
void ntshim_irql_exit(void);
DECLARE_PER_CPU(KIRQL, ntshim_isr_level);

/* pool.c */
int ntshim_pool_init(void);
void ntshim_pool_exit(void);
void ntshim_pool_show(struct seq_file *m);

/* status.c */
const char *ntshim_status_name(NTSTATUS status);
int ntshim_status_to_errno(NTSTATUS status);

/* rtl.c */
void ntshim_ustr_set(PUNICODE_STRING ustr, WCHAR *buf, size_t cap,
		     const char *prefix, const char *name);

/* complaint.c */
int ntshim_complaint_init(void);
void ntshim_complaints_show(struct seq_file *m);

/* tracker.c */
struct ntshim_track_ops {
	/*
	 * Any IRQL: dequeue or disarm for good (the object refuses to be
	 * queued or armed again); returns 1 (and logs) if it was live.
	 */
	unsigned int (*stop)(struct ntshim_tracked *obj, const char *who);
	/* Process context: wait until no callback runs or can run. */
	void (*drain)(struct ntshim_tracked *obj);
	/* Its routine's address, to find the objects of a driver. */
	void *(*routine)(struct ntshim_tracked *obj);
};
void ntshim_track(struct ntshim_tracked *obj, const struct ntshim_track_ops *ops);
bool ntshim_is_tracked(struct ntshim_tracked *obj);
bool ntshim_tracked_in(const void *start, size_t size);
unsigned int ntshim_stop_range(const void *start, size_t size, const char *who);
unsigned int ntshim_quiesce(const void *start, size_t size, const char *who,
			    bool (*match)(struct ntshim_tracked *, void *), void *arg);

/* wait.c */
extern raw_spinlock_t ntshim_dispatcher_lock;
void ntshim_signal_waiters(PDISPATCHER_HEADER h);
void ntshim_nt_time_to_ktime(LONGLONG t, ktime_t *expires, clockid_t *clock);
bool ntshim_dispatcher_usable(PDISPATCHER_HEADER h);

/* reinit.c */
int ntshim_reinit_init(void);
void ntshim_reinit_exit(void);
void ntshim_reinit_driver_entry_done(struct ntshim_driver *drv, bool success);
void ntshim_reinit_driver_gone(struct ntshim_driver *drv);

/* shutdown.c */
int ntshim_shutdown_init(void);
void ntshim_shutdown_exit(void);
void ntshim_shutdown_device_gone(PDEVICE_OBJECT dev);
void ntshim_shutdown_driver_gone(struct ntshim_driver *drv);

/* paging.c */
void ntshim_paging_driver_gone(struct ntshim_driver *drv);

/* hal.c */
void ntshim_hal_exit(void);

/* interrupt.c */
void ntshim_interrupts_driver_gone(struct ntshim_driver *drv);

/* thread.c */
void ntshim_threads_wait_driver(struct ntshim_driver *drv);
void ntshim_thread_exit(void);

/* iotimer.c */
int ntshim_iotimer_init(void);
void ntshim_iotimer_exit(void);
void ntshim_iotimer_remove(PDEVICE_OBJECT dev);
void ntshim_iotimer_driver_gone(struct ntshim_driver *drv);

/* dpc.c */
int ntshim_dpc_init(void);
void ntshim_dpc_exit(void);

/* debugfs.c */
int ntshim_debugfs_init(void);
void ntshim_debugfs_exit(void);

#endif /* NTSHIM_H */
