/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ps/: processes and threads: system threads and their objects and handles.
 * What other areas may use of it.
 */
#ifndef NTSHIM_PS_H
#define NTSHIM_PS_H

#include "../core/core.h"

/* NT's System process, which kernel threads make up here. */
#define NTSHIM_SYSTEM_PROCESS_ID	4

/* thread.c */
void ntshim_thread_exit(void);

#endif /* NTSHIM_PS_H */
