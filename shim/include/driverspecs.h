/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driverspecs.h - annotations for kernel-mode rules (IRQL, dispatch and
 * callback types, resources the caller holds), in both the WDK's current
 * spelling and the older __drv_ one.  Defined away, as in sal.h.
 */
#ifndef _NTSHIM_DRIVERSPECS_H
#define _NTSHIM_DRIVERSPECS_H

#include <sal.h>

/* IRQL and kernel rules. */
#define _IRQL_requires_(i)
#define _IRQL_requires_max_(i)
#define _IRQL_requires_min_(i)
#define _IRQL_requires_same_
#define _IRQL_raises_(i)
#define _IRQL_saves_
#define _IRQL_restores_
#define _IRQL_saves_global_(k, p)
#define _IRQL_restores_global_(k, p)
#define _IRQL_always_function_min_(i)
#define _IRQL_always_function_max_(i)
#define _IRQL_uses_cancel_
#define _IRQL_is_cancel_
#define _IRQL_limited_to_(i)
#define _IRQL_requires_function_class_(c)
#define _Kernel_float_saved_
#define _Kernel_float_restored_
#define _Kernel_float_used_
#define _Kernel_clear_do_init_(y)
#define _Kernel_requires_resource_held_(k)
#define _Kernel_requires_resource_not_held_(k)
#define _Kernel_acquires_resource_(k)
#define _Kernel_releases_resource_(k)
#define _Kernel_IoGetDmaAdapter_
#define _Drvobj_param_
#define _Dispatch_type_(t)
#define _Function_class_(c)
#define _Called_from_function_class_(c)

/* The DDK's older spelling. */
#define __drv_functionClass(c)
#define __drv_dispatchType(t)
#define __drv_dispatchType_other
#define __drv_completionType(t)
#define __drv_callbackType(t)
#define __drv_reportError(s)
#define __drv_requiresIRQL(i)
#define __drv_maxIRQL(i)
#define __drv_minIRQL(i)
#define __drv_setsIRQL(i)
#define __drv_raisesIRQL(i)
#define __drv_savesIRQL
#define __drv_restoresIRQL
#define __drv_savesIRQLGlobal(k, p)
#define __drv_restoresIRQLGlobal(k, p)
#define __drv_sameIRQL
#define __drv_useCancelIRQL
#define __drv_isCancelIRQL
#define __drv_maxFunctionIRQL(i)
#define __drv_minFunctionIRQL(i)
#define __drv_arg(e, a)
#define __drv_at(e, a)
#define __drv_in(a)
#define __drv_out(a)
#define __drv_in_deref(a)
#define __drv_out_deref(a)
#define __drv_deref(a)
#define __drv_when(c, a)
#define __drv_fun(a)
#define __drv_ret(a)
#define __drv_allocatesMem(k)
#define __drv_freesMem(k)
#define __drv_aliasesMem
#define __drv_acquiresResource(k)
#define __drv_releasesResource(k)
#define __drv_acquiresResourceGlobal(k, p)
#define __drv_releasesResourceGlobal(k, p)
#define __drv_mustHold(k)
#define __drv_mustHoldGlobal(k, p)
#define __drv_neverHold(k)
#define __drv_neverHoldGlobal(k, p)
#define __drv_innerMustHoldGlobal(k, p)
#define __drv_innerNeverHoldGlobal(k, p)
#define __drv_acquiresExclusiveResource(k)
#define __drv_releasesExclusiveResource(k)
#define __drv_acquiresExclusiveResourceGlobal(k, p)
#define __drv_releasesExclusiveResourceGlobal(k, p)
#define __drv_acquiresCancelSpinLock
#define __drv_releasesCancelSpinLock
#define __drv_mustHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#define __drv_acquiresCriticalRegion
#define __drv_releasesCriticalRegion
#define __drv_mustHoldCriticalRegion
#define __drv_neverHoldCriticalRegion
#define __drv_acquiresPriorityRegion
#define __drv_releasesPriorityRegion
#define __drv_mustHoldPriorityRegion
#define __drv_neverHoldPriorityRegion
#define __drv_clearDoInit(y)
#define __drv_floatSaved
#define __drv_floatRestored
#define __drv_floatUsed
#define __drv_interlocked
#define __drv_inTry
#define __drv_notInTry
#define __drv_preferredFunction(f, w)
#define __drv_strictType(t, m)
#define __drv_strictTypeMatch(m)
#define __drv_constant
#define __drv_nonConstant
#define __drv_isObjectPointer
#define __drv_valueIs(a)
#define __drv_formatString(k)
#define __drv_declspec(x)
#define __drv_nop(x)
#define __drv_defined(x)
#define __drv_Mode_impl(x)
#define __drv_KMDF_or_WDM
#define __drv_WDM
#define __drv_KMDF
#define __drv_NDIS
#define __drv_typeConst
#define __drv_typeCond
#define __drv_typeBitset
#define __drv_typeExpr
#define __drv_unit(u)
#define __drv_maxIRQLGlobal
#define __drv_requiresIRQLGlobal

#endif /* _NTSHIM_DRIVERSPECS_H */
