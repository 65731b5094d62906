/* A header from a shared include folder (INCLUDES=inc). */
#ifndef PORT_SHARED_H
#define PORT_SHARED_H
#define PORT_BIG	0x100000000i64
ULONG PortHelper(ULONG Value);
ULONG PortAnnotated(const UCHAR *Source, ULONG Length, PUCHAR Target, PVOID *Callback);
#endif
