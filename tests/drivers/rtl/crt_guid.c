/* ntt_crt: the file that defines the GUIDs (initguid.h first, as drivers do). */
#include <initguid.h>
#include <ntddk.h>
#include <wdmguid.h>
#include "crt_guid.h"

const GUID *NttCrtGuidFromOtherFile(VOID)
{
	return &GUID_NTT_CRT;
}
