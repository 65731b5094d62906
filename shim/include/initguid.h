/* SPDX-License-Identifier: GPL-2.0 */
/* initguid.h - from here on, DEFINE_GUID defines (see guiddef.h). */
#define INITGUID
#include <guiddef.h>
