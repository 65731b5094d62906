/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hal/: the hardware abstraction layer: buses, interrupt vectors, bus
 * addresses.  What other areas may use of it.
 */
#ifndef NTSHIM_HAL_H
#define NTSHIM_HAL_H

#include "../core/core.h"

/* bus.c */
void ntshim_hal_exit(void);

#endif /* NTSHIM_HAL_H */
