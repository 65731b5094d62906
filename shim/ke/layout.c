// SPDX-License-Identifier: GPL-2.0
/*
 * Measures the Linux objects behind embeddable NT objects.  Compiled to
 * assembly only (never linked); the build turns its markers into
 * generated/ntshim_layout.h, as the kernel does for asm-offsets.
 */
#include <linux/kbuild.h>
#include <linux/stddef.h>
#include "objects.h"

#define ALIGN_OF(t)	__alignof__(t)
#define MAX2(a, b)	((a) > (b) ? (a) : (b))

void ntshim_layout(void);

void ntshim_layout(void)
{
	DEFINE(NTSHIM_KDPC_PRIVATE_SIZE, sizeof(struct ntshim_kdpc_private));
	DEFINE(NTSHIM_KTIMER_PRIVATE_SIZE, sizeof(struct ntshim_ktimer_private));
	DEFINE(NTSHIM_FAST_MUTEX_PRIVATE_SIZE, sizeof(struct ntshim_fast_mutex_private));
	DEFINE(NTSHIM_ERESOURCE_PRIVATE_SIZE, sizeof(struct ntshim_eresource_private));
	DEFINE(NTSHIM_PUSH_LOCK_PRIVATE_SIZE, sizeof(struct ntshim_push_lock_private));
	DEFINE(NTSHIM_OBJECT_ALIGN,
	       MAX2(MAX2(MAX2(8, ALIGN_OF(struct ntshim_fast_mutex_private)),
			 MAX2(ALIGN_OF(struct ntshim_eresource_private),
			      ALIGN_OF(struct ntshim_push_lock_private))),
		    MAX2(ALIGN_OF(struct ntshim_kdpc_private),
			 ALIGN_OF(struct ntshim_ktimer_private))));
}
