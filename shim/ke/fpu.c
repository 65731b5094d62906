// SPDX-License-Identifier: GPL-2.0
/*
 * Floating point and extended processor state: KeSaveFloatingPointState
 * and KeSaveExtendedProcessorState, and their restores.  Linux lets kernel
 * code touch the FPU and vector registers only between kernel_fpu_begin()
 * and kernel_fpu_end(), with preemption off; that is what a save and its
 * restore bracket here.  So between them the thread is at DISPATCH_LEVEL
 * as NT sees it, and waits are refused, where NT would let it wait.  Saves
 * nest: only the outermost begins and ends (preemption is off inside, so
 * the depth is the CPU's).
 */
#include "ke.h"
#include <asm/fpu/api.h>
#include <linux/percpu.h>

#define FPU_SAVED	0x46505553	/* in the save area: this save is open */

static DEFINE_PER_CPU(unsigned int, fpu_depth);

/*
 * May this context take the FPU?  Inside an open save (preemption is off,
 * so the count read is this thread's) it has it already.
 */
static bool fpu_usable(void)
{
	return this_cpu_read(fpu_depth) || irq_fpu_usable();
}

static void fpu_save(ULONG *mark)
{
	/* Preemption is off from here, so the count stays this CPU's. */
	preempt_disable();
	if (this_cpu_inc_return(fpu_depth) == 1)
		kernel_fpu_begin();
	preempt_enable();
	*mark = FPU_SAVED;
}

static bool fpu_restore(ULONG *mark, const char *fn, const void *caller)
{
	if (*mark != FPU_SAVED || !this_cpu_read(fpu_depth)) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "%s: %p holds no open save: ignored",
				fn, mark);
		return false;
	}
	*mark = 0;
	if (this_cpu_dec_return(fpu_depth) == 0)
		kernel_fpu_end();
	return true;
}

NTSTATUS NTAPI KeSaveFloatingPointState(PKFLOATING_SAVE FloatSave)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, STATUS_INVALID_PARAMETER);
	if (!FloatSave) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"KeSaveFloatingPointState: no save area");
		return STATUS_INVALID_PARAMETER;
	}
	if (!fpu_usable())
		return STATUS_ILLEGAL_FLOAT_CONTEXT;
	fpu_save(&FloatSave->Dummy);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(KeSaveFloatingPointState);

NTSTATUS NTAPI KeRestoreFloatingPointState(PKFLOATING_SAVE FloatSave)
{
	if (!FloatSave || !fpu_restore(&FloatSave->Dummy, __func__, (void *)_RET_IP_))
		return STATUS_INVALID_PARAMETER;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(KeRestoreFloatingPointState);

NTSTATUS NTAPI KeSaveExtendedProcessorState(ULONG64 Mask, PXSTATE_SAVE XStateSave)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, STATUS_INVALID_PARAMETER);
	if (!XStateSave) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"KeSaveExtendedProcessorState: no save area");
		return STATUS_INVALID_PARAMETER;
	}
	if (!fpu_usable())
		return STATUS_ILLEGAL_FLOAT_CONTEXT;
	XStateSave->Mask = Mask;
	fpu_save(&XStateSave->Reserved);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(KeSaveExtendedProcessorState);

VOID NTAPI KeRestoreExtendedProcessorState(PXSTATE_SAVE XStateSave)
{
	if (XStateSave)
		fpu_restore(&XStateSave->Reserved, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeRestoreExtendedProcessorState);
