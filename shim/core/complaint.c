// SPDX-License-Identifier: GPL-2.0
/*
 * Complaints: one log line each, with a stable identity, and a count per
 * driver that outlives the driver's unload, so that a test (or a user) can
 * ask what ntshim found wrong with a driver after the fact.
 */
#include "core.h"
#include <linux/rcupdate.h>
#include <linux/ratelimit.h>
#include <linux/seq_file.h>

#define COMPLAINT_SLOTS	64

struct complaint_slot {
	char name[MODULE_NAME_LEN];	/* "" for a free slot */
	atomic_t count[NTC_COUNT];
};

#define NTSHIM_COMPLAINT_ID(e, id, what)	[NTC_##e] = id,
static const char *const complaint_ids[NTC_COUNT] = {
	NTSHIM_COMPLAINTS(NTSHIM_COMPLAINT_ID)
};
#undef NTSHIM_COMPLAINT_ID

/* Slot 0 counts what no driver can be blamed for. */
static struct complaint_slot complaint_slots[COMPLAINT_SLOTS + 1];
static unsigned int complaint_next;
static DEFINE_RAW_SPINLOCK(complaint_lock);
static struct ratelimit_state complaint_rs[NTC_COUNT];

static struct complaint_slot *complaint_slot(const char *driver)
{
	unsigned int i;

	lockdep_assert_held(&complaint_lock);
	if (!driver)
		return &complaint_slots[0];
	for (i = 1; i <= COMPLAINT_SLOTS; i++)
		if (!strcmp(complaint_slots[i].name, driver))
			return &complaint_slots[i];
	return NULL;
}

void ntshim_complaints_reset(const char *driver)
{
	struct complaint_slot *s;
	unsigned long flags;
	int i;

	raw_spin_lock_irqsave(&complaint_lock, flags);
	s = complaint_slot(driver);
	if (!s) {
		/* The oldest slot makes room when all are taken. */
		s = &complaint_slots[1 + complaint_next++ % COMPLAINT_SLOTS];
		strscpy(s->name, driver, sizeof(s->name));
	}
	for (i = 0; i < NTC_COUNT; i++)
		atomic_set(&s->count[i], 0);
	raw_spin_unlock_irqrestore(&complaint_lock, flags);
}

static void complaint_count(enum ntshim_complaint id, const char *driver)
{
	struct complaint_slot *s;
	unsigned long flags;

	raw_spin_lock_irqsave(&complaint_lock, flags);
	s = complaint_slot(driver) ?: &complaint_slots[0];
	atomic_inc(&s->count[id]);
	raw_spin_unlock_irqrestore(&complaint_lock, flags);
}

static void complaint_log(enum ntshim_complaint id, const char *driver, const void *where,
			  const char *fmt, va_list ap)
{
	struct va_format vaf = { .fmt = fmt };
	va_list cp;

	complaint_count(id, driver);
	if (!__ratelimit(&complaint_rs[id]))
		return;
	va_copy(cp, ap);
	vaf.va = &cp;
	if (where)
		pr_err("[%s] %s: %pV (from %pS)\n", complaint_ids[id], driver ?: "-", &vaf, where);
	else
		pr_err("[%s] %s: %pV\n", complaint_ids[id], driver ?: "-", &vaf);
	va_end(cp);
}

void ntshim_complain(enum ntshim_complaint id, const void *where, const char *fmt, ...)
{
	struct ntshim_image *img;
	char name[MODULE_NAME_LEN];
	bool known = false;
	va_list ap;

	rcu_read_lock();
	img = where ? ntshim_image_at(where) : NULL;
	if (img) {
		strscpy(name, img->module->name, sizeof(name));
		known = true;
	}
	rcu_read_unlock();
	va_start(ap, fmt);
	complaint_log(id, known ? name : NULL, where, fmt, ap);
	va_end(ap);
}

void ntshim_complain_image(enum ntshim_complaint id, const struct ntshim_image *img,
			   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	complaint_log(id, img ? img->module->name : NULL, NULL, fmt, ap);
	va_end(ap);
}

/* debugfs "complaints": one line per driver and identity with a count. */
static int complaints_show(struct seq_file *m, void *v)
{
	unsigned int i, id, n;

	for (i = 0; i <= COMPLAINT_SLOTS; i++) {
		for (id = 0; id < NTC_COUNT; id++) {
			n = atomic_read(&complaint_slots[i].count[id]);
			if (n)
				seq_printf(m, "%s %s %u\n", i ? complaint_slots[i].name : "-",
					   complaint_ids[id], n);
		}
	}
	return 0;
}

int ntshim_complaint_init(void)
{
	int id;

	/*
	 * Every identity gets its own budget: one flood does not hide another.
	 * What is not printed is still counted in debugfs.
	 */
	for (id = 0; id < NTC_COUNT; id++) {
		ratelimit_state_init(&complaint_rs[id], 5 * HZ, 20);
		ratelimit_set_flags(&complaint_rs[id], RATELIMIT_MSG_ON_RELEASE);
	}
	ntshim_debugfs_file("complaints", complaints_show);
	return 0;
}
