/* SPDX-License-Identifier: GPL-2.0 */
/* ntddbeep.h - the beep device's name, control code and parameters. */
#ifndef _NTDDBEEP_
#define _NTDDBEEP_
#include <devioctl.h>

#define DD_BEEP_DEVICE_NAME	"\\Device\\Beep"
#define DD_BEEP_DEVICE_NAME_U	L"\\Device\\Beep"

#define IOCTL_BEEP_SET	CTL_CODE(FILE_DEVICE_BEEP, 0, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define BEEP_FREQUENCY_MINIMUM	0x25
#define BEEP_FREQUENCY_MAXIMUM	0x7fff

typedef struct _BEEP_SET_PARAMETERS {
	ULONG Frequency;	/* Hz */
	ULONG Duration;		/* ms */
} BEEP_SET_PARAMETERS, *PBEEP_SET_PARAMETERS;
#endif
