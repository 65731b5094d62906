/*
 * ntthelper.h - the Linux-side helper (tests/helpers/ntt_helper.c), as NT
 * test drivers call it.  Load ntt_helper.ko before a driver that uses it.
 */
#ifndef NTTHELPER_H
#define NTTHELPER_H

typedef VOID (*NTT_FN)(PVOID Context);
typedef VOID (*NTT_THREAD_FN)(PVOID Context, INT Index);

extern INT ntt_helper_preemptible(VOID);
extern INT ntt_helper_irqs_disabled(VOID);
extern VOID ntt_helper_irqs_off(NTT_FN Fn, PVOID Context);
extern VOID ntt_helper_in_hardirq(NTT_FN Fn, PVOID Context);
extern INT ntt_helper_run_threads(INT Count, NTT_THREAD_FN Fn, PVOID Context);
extern INT ntt_helper_hold_dpcs_until_unloaded(const CHAR *Module, NTT_FN Fn, PVOID Context);

extern INT ntt_helper_shift_clock(LONGLONG DeltaNs);
extern INT ntt_helper_preempt_rt(VOID);
extern INT ntt_helper_swirq_create(VOID);
extern VOID ntt_helper_swirq_destroy(INT Irq);
extern UINT ntt_helper_swirq_unhandled(INT Irq);
extern INT ntt_helper_swirq_fire(INT Irq, UINT Count, UINT IntervalUs);

#endif /* NTTHELPER_H */
