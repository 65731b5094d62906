/* ntt_crt: a GUID shared by two files, as a driver's public header has it. */
#ifndef NTT_CRT_GUID_H
#define NTT_CRT_GUID_H
DEFINE_GUID(GUID_NTT_CRT, 0x6c1e0f3a, 0x52d4, 0x4b7e, 0x9a, 0x01, 0x3c, 0x5d, 0x7e, 0x9f, 0xa2, 0xb4);
const GUID *NttCrtGuidFromOtherFile(VOID);
#endif
