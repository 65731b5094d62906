/* SPDX-License-Identifier: GPL-2.0 */
/* ntt_helper's exports, Linux side (NT test drivers use drivers/ntthelper.h). */
#ifndef NTT_HELPER_H
#define NTT_HELPER_H

int ntt_helper_preemptible(void);
int ntt_helper_irqs_disabled(void);
void ntt_helper_irqs_off(void (*fn)(void *ctx), void *ctx);
void ntt_helper_in_hardirq(void (*fn)(void *ctx), void *ctx);
int ntt_helper_run_threads(int count, void (*fn)(void *ctx, int index), void *ctx);
int ntt_helper_hold_dpcs_until_unloaded(const char *module, void (*fn)(void *ctx), void *ctx);

int ntt_helper_shift_clock(long long delta_ns);
int ntt_helper_preempt_rt(void);
int ntt_helper_swirq_create(void);
void ntt_helper_swirq_destroy(int irq);
unsigned int ntt_helper_swirq_unhandled(int irq);
int ntt_helper_swirq_fire(int irq, unsigned int count, unsigned int interval_us);

#endif /* NTT_HELPER_H */
