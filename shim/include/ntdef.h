/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntdef.h - basic NT types, as a ported driver sees them.
 *
 * Drivers get the LLP64 model of the WDK (LONG and ULONG are 32-bit, pointers
 * and ULONG_PTR 64-bit) on an LP64 kernel.  Nothing here includes a Linux
 * header: a driver's own identifiers never meet the kernel's.
 */
#ifndef _NTDEF_
#define _NTDEF_

#include <wdm/compiler.h>
#include <sdkddkver.h>

/* Calling conventions and storage classes: x64 has a single convention. */
#define NTAPI
#define NTAPI_INLINE
#define FASTCALL
#define WINAPI
#define FORCEINLINE	static __forceinline
#define NTSYSAPI	extern
#define NTSYSCALLAPI	extern
#define NTKERNELAPI	extern
#define NTHALAPI	extern
#define EXTERN_C	extern
#define DECLSPEC_NOINLINE	__declspec(noinline)
#define DECLSPEC_NORETURN	__attribute__((__noreturn__))
#define DECLSPEC_ALIGN(x)	__attribute__((__aligned__(x)))
#define DECLSPEC_CACHEALIGN	DECLSPEC_ALIGN(64)
#define DECLSPEC_SELECTANY	__attribute__((__weak__))
#define DECLSPEC_IMPORT
#define DECLSPEC_EXPORT
#define DECLSPEC_DEPRECATED
#define DECLSPEC_NOTHROW

#define IN
#define OUT
#define OPTIONAL
#define CONST		const
#define VOID		void
#define RESTRICTED_POINTER
#define UNALIGNED
#define ANYSIZE_ARRAY	1

#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif

/* Source annotations: for the Windows code analyser only. */
#include <specstrings.h>
#include <driverspecs.h>

/* Integer types: LLP64, exactly as the WDK spells them. */
typedef void *PVOID;
typedef const void *PCVOID;
#ifdef NTSHIM_KERNEL_SIDE
/*
 * NT's CHAR is signed; drivers are built with -fsigned-char, but the
 * kernel itself with -funsigned-char since 6.2, so ntshim spells it out to
 * see CHAR and CCHAR arguments and fields as drivers pass them.
 */
typedef signed char CHAR;
#else
typedef char CHAR;
#endif
typedef unsigned char UCHAR;
typedef short SHORT;
typedef unsigned short USHORT;
typedef int LONG;
typedef unsigned int ULONG;
typedef int INT;
typedef unsigned int UINT;
typedef long long LONGLONG;
typedef unsigned long long ULONGLONG;
typedef long long LONG64;
typedef unsigned long long ULONG64;
typedef unsigned long long DWORD64;
typedef int LONG32;
typedef unsigned int ULONG32;
typedef unsigned int DWORD32;
typedef signed char INT8;
typedef unsigned char UINT8;
typedef short INT16;
typedef unsigned short UINT16;
typedef int INT32;
typedef unsigned int UINT32;
typedef long long INT64;
typedef unsigned long long UINT64;
typedef long LONG_PTR;
typedef unsigned long ULONG_PTR;
typedef long INT_PTR;
typedef unsigned long UINT_PTR;
typedef unsigned long DWORD_PTR;
typedef ULONG_PTR SIZE_T;
typedef LONG_PTR SSIZE_T;
typedef ULONG_PTR KAFFINITY;
typedef unsigned char BOOLEAN;
typedef unsigned char BYTE;
typedef unsigned short WORD;
typedef unsigned int DWORD;
typedef int BOOL;
typedef float FLOAT;
typedef double DOUBLE;
typedef CHAR CCHAR;
typedef short CSHORT;
typedef ULONG CLONG;
typedef ULONG LOGICAL;
typedef LONG NTSTATUS;
typedef PVOID HANDLE;
typedef struct _OBJECT_TYPE *POBJECT_TYPE;
typedef ULONG ACCESS_MASK;
typedef UCHAR KIRQL;
typedef LONG KPRIORITY;
typedef CCHAR KPROCESSOR_MODE;
/* L"" literals are 16-bit: the kernel and ntshim's glue build with -fshort-wchar. */
typedef __WCHAR_TYPE__ WCHAR;

typedef CHAR *PCHAR, *PSTR, *LPSTR, *PSZ;
typedef const CHAR *PCCHAR, *PCSTR, *LPCSTR, *PCSZ, *PCCH;
typedef CHAR *PCH;
typedef UCHAR *PUCHAR;
typedef const UCHAR *PCUCHAR;
typedef WCHAR *PWCHAR, *PWSTR, *LPWSTR, *PWCH;
typedef const WCHAR *PCWCHAR, *PCWSTR, *LPCWSTR, *PCWCH;
typedef SHORT *PSHORT;
typedef USHORT *PUSHORT;
typedef LONG *PLONG;
typedef ULONG *PULONG;
typedef INT *PINT;
typedef UINT *PUINT;
typedef LONGLONG *PLONGLONG;
typedef ULONGLONG *PULONGLONG;
typedef LONG64 *PLONG64;
typedef ULONG64 *PULONG64;
typedef LONG_PTR *PLONG_PTR;
typedef ULONG_PTR *PULONG_PTR;
typedef SIZE_T *PSIZE_T;
typedef BOOLEAN *PBOOLEAN;
typedef HANDLE *PHANDLE;
typedef KIRQL *PKIRQL;
typedef KAFFINITY *PKAFFINITY;
typedef NTSTATUS *PNTSTATUS;
typedef ACCESS_MASK *PACCESS_MASK;
typedef PVOID *PPVOID;

#define MINCHAR		0x80
#define MAXCHAR		0x7f
#define MINSHORT	0x8000
#define MAXSHORT	0x7fff
#define MAXUCHAR	0xff
#define MAXUSHORT	0xffff
#define MAXULONG	0xffffffffU
#define MAXLONG		0x7fffffff
#define MINLONG		(-MAXLONG - 1)
#define MAXLONGLONG	0x7fffffffffffffffLL
#define MAXULONG_PTR	(~(ULONG_PTR)0)
#define MAXSIZE_T	MAXULONG_PTR

typedef union _LARGE_INTEGER {
	struct {
		ULONG LowPart;
		LONG HighPart;
	};
	struct {
		ULONG LowPart;
		LONG HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
	struct {
		ULONG LowPart;
		ULONG HighPart;
	};
	struct {
		ULONG LowPart;
		ULONG HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

/* NTSTATUS: severity in the top two bits. */
#define NT_SUCCESS(Status)	(((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status)	((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status)	((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status)	((((ULONG)(Status)) >> 30) == 3)

/* Counted strings. Length and MaximumLength are in bytes. */
typedef struct _UNICODE_STRING {
	USHORT Length;
	USHORT MaximumLength;
	PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

typedef struct _STRING {
	USHORT Length;
	USHORT MaximumLength;
	PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
typedef const STRING *PCSTRING, *PCANSI_STRING, *PCOEM_STRING;
typedef STRING UTF8_STRING, *PUTF8_STRING;

#define UNICODE_NULL	((WCHAR)0)
#define ANSI_NULL	((CHAR)0)
#define UNICODE_STRING_MAX_BYTES	((USHORT)65534)

#define RTL_CONSTANT_STRING(s) \
	{ sizeof(s) - sizeof((s)[0]), sizeof(s), (void *)(s) }

/* Doubly and singly linked lists; the helpers are in wdm.h. */
typedef struct _LIST_ENTRY {
	struct _LIST_ENTRY *Flink;
	struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY, *RESTRICTED_POINTER PRLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
	struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

typedef struct _OBJECT_ATTRIBUTES {
	ULONG Length;
	HANDLE RootDirectory;
	PUNICODE_STRING ObjectName;
	ULONG Attributes;
	PVOID SecurityDescriptor;
	PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;

#define FIELD_OFFSET(type, field)	((LONG)__builtin_offsetof(type, field))
#define RTL_FIELD_SIZE(type, field)	(sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) \
	(FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define RTL_NUMBER_OF(a)		(sizeof(a) / sizeof((a)[0]))
#define ARRAYSIZE(a)			RTL_NUMBER_OF(a)
#define CONTAINING_RECORD(address, type, field) \
	((type *)((PCHAR)(address) - (ULONG_PTR)(&((type *)0)->field)))
#define ARGUMENT_PRESENT(p)		((CHAR *)((ULONG_PTR)(p)) != (CHAR *)NULL)
#define UNREFERENCED_PARAMETER(p)	((void)(p))
#define DBG_UNREFERENCED_PARAMETER(p)	((void)(p))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(v) ((void)(v))
#define C_ASSERT(e)			_Static_assert(e, #e)
#define ALIGN_DOWN_BY(length, a)	((ULONG_PTR)(length) & ~((ULONG_PTR)(a) - 1))
#define ALIGN_UP_BY(length, a)		(ALIGN_DOWN_BY(((ULONG_PTR)(length) + (a) - 1), a))
#define MAKELONG(lo, hi)		((LONG)(((USHORT)(lo)) | ((ULONG)((USHORT)(hi))) << 16))
#define LOWORD(l)			((USHORT)((ULONG_PTR)(l) & 0xffff))
#define HIWORD(l)			((USHORT)((ULONG_PTR)(l) >> 16))
#define LOBYTE(w)			((UCHAR)((ULONG_PTR)(w) & 0xff))
#define HIBYTE(w)			((UCHAR)((ULONG_PTR)(w) >> 8))

/* As in the WDK: min and max unless the driver says NOMINMAX. */
#ifndef NOMINMAX
#ifndef min
#define min(a, b)	(((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b)	(((a) > (b)) ? (a) : (b))
#endif
#endif

C_ASSERT(sizeof(ULONG) == 4);
C_ASSERT(sizeof(LONG) == 4);
C_ASSERT(sizeof(ULONG_PTR) == sizeof(void *));
C_ASSERT(sizeof(WCHAR) == 2);
C_ASSERT(sizeof(LARGE_INTEGER) == 8);
/* NT's CHAR is signed, on both sides of the interface. */
C_ASSERT((CHAR)-1 < 0);

/* 32 x 32 -> 64-bit products and shifts, as the WDK's macros. */
#define Int32x32To64(a, b)	((LONGLONG)((LONG)(a)) * (LONGLONG)((LONG)(b)))
#define UInt32x32To64(a, b)	((ULONGLONG)((ULONG)(a)) * (ULONGLONG)((ULONG)(b)))
#define Int64ShllMod32(a, b)	((ULONGLONG)(a) << ((b) & 31))
#define Int64ShraMod32(a, b)	((LONGLONG)(a) >> ((b) & 31))
#define Int64ShrlMod32(a, b)	((ULONGLONG)(a) >> ((b) & 31))

#include <guiddef.h>

#endif /* _NTDEF_ */
