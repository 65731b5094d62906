/* SPDX-License-Identifier: GPL-2.0 */
/*
 * guiddef.h - GUIDs.  DEFINE_GUID declares the GUID, or defines it when
 * INITGUID is set (by including initguid.h first); it is re-evaluated on
 * every inclusion, as in the WDK, so a file may define some GUIDs and only
 * declare others.  Definitions are "select any": one per GUID in a module,
 * however many files define it.
 */
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
	unsigned int Data1;
	unsigned short Data2;
	unsigned short Data3;
	unsigned char Data4[8];
} GUID;
#endif

#ifndef _NTSHIM_GUIDDEF_TYPES
#define _NTSHIM_GUIDDEF_TYPES
typedef GUID *LPGUID;
typedef const GUID *LPCGUID;
typedef GUID IID, CLSID, FMTID;
typedef IID *LPIID;
typedef const GUID *REFGUID;
typedef const IID *REFIID;
typedef const CLSID *REFCLSID;

#define IsEqualGUID(a, b)	(!__builtin_memcmp((a), (b), sizeof(GUID)))
#define IsEqualIID(a, b)	IsEqualGUID(a, b)
#define IsEqualCLSID(a, b)	IsEqualGUID(a, b)
#define InlineIsEqualGUID(a, b)	IsEqualGUID(a, b)
#endif

#undef DEFINE_GUID
#ifdef INITGUID
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)		\
	extern const GUID name;							\
	const GUID __attribute__((__weak__)) name =				\
		{ l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)		\
	extern const GUID name
#endif
