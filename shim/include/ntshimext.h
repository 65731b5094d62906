/*
 * ntshimext.h - ntshim's own extensions, not part of the WDK: queries of
 * ntshim's bookkeeping for tests and diagnostics.  NT drivers never need
 * them.
 */
#ifndef NTSHIMEXT_H
#define NTSHIMEXT_H

#include <ntddk.h>

/* The lock count behind a section handle, -1 if it is not one. */
LONG NTAPI NtshimQuerySectionLocks(PVOID ImageSectionHandle);

/* How many threads ntshim records as being at APC_LEVEL right now. */
ULONG NTAPI NtshimQueryApcLevelThreads(VOID);

#endif /* NTSHIMEXT_H */
