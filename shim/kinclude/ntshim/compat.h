/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version differences, in one place.  Each entry is dated by the
 * kernel release that made it necessary.  Features are probed where the
 * kernel offers a symbol to test; version checks remain only where a macro
 * changed its signature.  Never #define a kernel name here.
 */
#ifndef NTSHIM_COMPAT_H
#define NTSHIM_COMPAT_H

#include <linux/version.h>
#include <linux/module.h>
#include <linux/preempt.h>

/*
 * v6.13: EXPORT_SYMBOL_NS*() and MODULE_IMPORT_NS() take the namespace as a
 * string literal instead of a bare token.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define NTSHIM_EXPORT(sym)	EXPORT_SYMBOL_NS_GPL(sym, "NTSHIM")
#define NTSHIM_IMPORT_NS()	MODULE_IMPORT_NS("NTSHIM")
#else
#define NTSHIM_EXPORT(sym)	EXPORT_SYMBOL_NS_GPL(sym, NTSHIM)
#define NTSHIM_IMPORT_NS()	MODULE_IMPORT_NS(NTSHIM)
#endif

/*
 * v6.2: the kernel builds with -funsigned-char.  NT drivers keep
 * -fsigned-char, and the NT headers spell CHAR "signed char" on ntshim's
 * side (ntdef.h), so CHAR and CCHAR values mean the same on both sides.
 */

/*
 * v6.4: struct module's core_layout was replaced by the mem[] array of
 * per-type regions; MOD_TEXT is where a driver's image starts, and what
 * DriverStart/DriverSize report.  Whether an address is in a driver's image
 * (text, data, rodata or init) is asked with within_module(), on every
 * version, never with this range.
 */
static inline void *ntshim_module_base(struct module *mod)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	return mod->mem[MOD_TEXT].base;
#else
	return mod->core_layout.base;
#endif
}

static inline unsigned int ntshim_module_size(struct module *mod)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	return mod->mem[MOD_TEXT].size;
#else
	return mod->core_layout.size;
#endif
}

/*
 * v6.2: del_timer_sync() renamed timer_delete_sync() (Debian's 6.1 has
 * both); v6.15: del_timer_sync() removed.
 */
#include <linux/timer.h>
static inline int ntshim_timer_delete_sync(struct timer_list *t)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return timer_delete_sync(t);
#else
	return del_timer_sync(t);
#endif
}

/* v5.11: in_hardirq() added; in_irq() removed in v6.19. */
#ifdef in_hardirq
#define ntshim_in_hardirq()	in_hardirq()
#else
#define ntshim_in_hardirq()	in_irq()
#endif

/* v6.2: struct class's devnode() takes a const struct device. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define NTSHIM_DEVNODE_CONST	const
#else
#define NTSHIM_DEVNODE_CONST
#endif

/* v6.8: eventfd_signal() lost its count argument (it always adds one). */
#define ntshim_eventfd_signal(ctx)	__ntshim_eventfd_signal(ctx)
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define __ntshim_eventfd_signal(ctx)	eventfd_signal(ctx)
#else
#define __ntshim_eventfd_signal(ctx)	eventfd_signal(ctx, 1)
#endif

#endif /* NTSHIM_COMPAT_H */
