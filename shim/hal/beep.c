// SPDX-License-Identifier: GPL-2.0
/*
 * HalMakeBeep: the PC speaker, as NT4's HAL drives it: PIT channel 2 in
 * square-wave mode at the frequency asked, gated onto the speaker through
 * bits 0 and 1 of port 0x61; frequency 0 stops it.  The PIT is shared with
 * the kernel (its clock event and calibration use it), so the kernel's
 * i8253_lock guards every access.
 */
#include "hal.h"
#include <linux/i8253.h>
#include <linux/io.h>
#include <linux/timex.h>

#define PIT_COMMAND	0x43
#define PIT_CHANNEL2	0x42
#define SPEAKER_PORT	0x61
#define SPEAKER_ON	0x03	/* channel 2 gate, speaker data */

BOOLEAN NTAPI HalMakeBeep(ULONG Frequency)
{
	unsigned long flags, divisor = 0;

	if (Frequency) {
		divisor = PIT_TICK_RATE / Frequency;
		/* Too high for the PIT (a divisor of 0) or too low (above 16 bits). */
		if (!divisor || divisor > 0xffff)
			return FALSE;
	}
	raw_spin_lock_irqsave(&i8253_lock, flags);
	if (divisor) {
		outb(0xb6, PIT_COMMAND);	/* channel 2, low then high byte, mode 3 */
		outb(divisor & 0xff, PIT_CHANNEL2);
		outb(divisor >> 8, PIT_CHANNEL2);
		outb(inb(SPEAKER_PORT) | SPEAKER_ON, SPEAKER_PORT);
	} else {
		outb(inb(SPEAKER_PORT) & ~SPEAKER_ON, SPEAKER_PORT);
	}
	raw_spin_unlock_irqrestore(&i8253_lock, flags);
	return TRUE;
}
NTSHIM_EXPORT(HalMakeBeep);
