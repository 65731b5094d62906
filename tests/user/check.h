/*
 * check.h - how the test programs report to the harness: one line per
 * check, "ok NAME" or "not ok NAME # why (errno N)", flushed before any
 * fork so that no line is printed twice.
 */
#ifndef NTT_CHECK_H
#define NTT_CHECK_H

#include <errno.h>
#include <stdio.h>

static int failures;

static void check(const char *name, int ok, const char *why)
{
	if (ok) {
		printf("ok %s\n", name);
	} else {
		printf("not ok %s # %s (errno %d)\n", name, why, errno);
		failures++;
	}
	fflush(stdout);
}

#endif /* NTT_CHECK_H */
