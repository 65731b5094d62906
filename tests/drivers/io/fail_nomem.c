/* ntt_fail_nomem: DriverEntry fails with STATUS_INSUFFICIENT_RESOURCES. */
#define NTTEST_NAME "ntt_fail_nomem"
#define NTTEST_WNAME L"NttFailNomem"
#define FAIL_STATUS STATUS_INSUFFICIENT_RESOURCES
#include "fail.h"
