/* ntt_fail_nodev: DriverEntry fails with STATUS_NO_SUCH_DEVICE. */
#define NTTEST_NAME "ntt_fail_nodev"
#define NTTEST_WNAME L"NttFailNodev"
#define FAIL_STATUS STATUS_NO_SUCH_DEVICE
#include "fail.h"
