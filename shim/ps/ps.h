/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ps/: processes and threads: system threads and their objects and handles.
 * What other areas may use of it.
 */
#ifndef NTSHIM_PS_H
#define NTSHIM_PS_H

#include "../core/core.h"

/* thread.c */
void ntshim_thread_exit(void);

#endif /* NTSHIM_PS_H */
