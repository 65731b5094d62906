/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/compiler.h - the language of the WDK's compiler, on gcc.
 *
 * Force-included into every ported source (before its first line), so that
 * what is a keyword or a predefined macro to the WDK's compiler is one here
 * too: __declspec, __stdcall, __int64, __try, _WIN64, _M_AMD64...  ntdef.h
 * includes it as well, for builds that do not force it.
 */
#ifndef _NTSHIM_WDM_COMPILER_H
#define _NTSHIM_WDM_COMPILER_H

#ifndef NTSHIM_KERNEL_SIDE
/*
 * Kbuild force-includes a few kernel headers into every file, and gcc's
 * GNU mode predefines "linux" and "unix".  Drivers see none of those names.
 */
#undef linux
#undef unix
#undef auto
#undef inline
#undef noinline
#undef noinline_for_stack
#undef noinstr
#undef notrace
#undef fallthrough
#undef unreachable
#undef barrier_before_unreachable
#undef compiletime_assert
#undef compiletime_assert_atomic_type
#undef asm_inline
#undef asm_goto_output
#undef ACCESS_PRIVATE
#undef RELOC_HIDE
#undef GCC_VERSION
#undef KASAN_ABI_VERSION
#undef BTF_TYPE_TAG
#undef IS_BUILTIN
#undef IS_ENABLED
#undef IS_MODULE
#undef IS_REACHABLE
#undef randomized_struct_fields_start
#undef randomized_struct_fields_end

/* The target, as the WDK's x64 compiler predefines it. */
#define _WIN32		1
#define _WIN64		1
#define _AMD64_		1
#define _M_AMD64	100
#define _M_X64		100
#define _MSC_VER	1930
#define _MSC_EXTENSIONS	1
#define _INTEGRAL_MAX_BITS 64
#define _KERNEL_MODE	1

/*
 * Structured exception handling, for the exceptions ntshim raises
 * (ExRaiseStatus, ProbeForRead/ProbeForWrite, MmProbeAndLockPages): a raise
 * inside a __try comes back to it, its __except filter decides and its
 * block runs with GetExceptionCode(), or its __finally runs and the raise
 * goes on outwards.  Processor faults are not exceptions here.  A __try is
 * one statement, so break, continue and return inside its blocks act on the
 * code around it.  Where NT differs: the __finally blocks inside a __try
 * run before its filter (NT evaluates every filter first), and a return,
 * break, continue or goto out of a __try skips its __finally.
 */
#define __try								\
	if (!({	__label__ __ntshim_leave;					\
		NTSHIM_SEH_FRAME __ntshim_seh					\
			__attribute__((__cleanup__(NtshimSehLeave))) = { 0 };	\
		if (NtshimSehSave(__ntshim_seh.Context) ?			\
		    NtshimSehLanded(&__ntshim_seh) : NtshimSehEnter(&__ntshim_seh))
#define __except(f)							\
		__ntshim_leave: __attribute__((__unused__));			\
		NtshimSehExcept(&__ntshim_seh, __ntshim_seh.State ==		\
				NTSHIM_SEH_CAUGHT ? (int)(f) : 0);		\
	})) {} else
#define __finally							\
		__ntshim_leave: __attribute__((__unused__));			\
		NtshimSehFinally(&__ntshim_seh);				\
	})) {} else								\
	for (NTSHIM_SEH_END __ntshim_end = NtshimSehFinallyBegin();	\
	     __ntshim_end.Run; NtshimSehFinallyEnd(&__ntshim_end))
#define __leave		goto __ntshim_leave
#define try		__try
#define except(f)	__except(f)
#define finally		__finally
#define leave		__leave
#define EXCEPTION_EXECUTE_HANDLER	1
#define EXCEPTION_CONTINUE_SEARCH	0
#define EXCEPTION_CONTINUE_EXECUTION	(-1)
#define GetExceptionCode()		NtshimSehCode()
#define GetExceptionInformation() \
	NtshimSehInformation(&(NTSHIM_EXCEPTION_INFORMATION){ 0 })
#define _exception_code()		GetExceptionCode()
#define AbnormalTermination()		((int)__ntshim_end.Abnormal)

/* (The kernel's own asm_inline is "asm __inline": not on ntshim's side.) */
#define __inline	inline
#endif /* !NTSHIM_KERNEL_SIDE */

/* A __try's frame, and what the SEH keywords above call (rtl/exception.c). */
typedef struct _NTSHIM_SEH_FRAME {
	struct _NTSHIM_SEH_FRAME *Next;
	struct _NTSHIM_SEH_FRAME *HashNext;
	void *Key;
	const void *Window;
	unsigned long long Context[8];
	long Code;
	unsigned char State;
} NTSHIM_SEH_FRAME;

typedef struct _NTSHIM_SEH_END {
	long Code;
	unsigned char Run;
	unsigned char Abnormal;
} NTSHIM_SEH_END;

#define NTSHIM_SEH_CAUGHT	2

__attribute__((__returns_twice__)) int NtshimSehSave(unsigned long long *Context);
int NtshimSehEnter(NTSHIM_SEH_FRAME *Frame);
int NtshimSehLanded(NTSHIM_SEH_FRAME *Frame);
void NtshimSehLeave(NTSHIM_SEH_FRAME *Frame);
int NtshimSehExcept(NTSHIM_SEH_FRAME *Frame, int Filter);
int NtshimSehFinally(NTSHIM_SEH_FRAME *Frame);
NTSHIM_SEH_END NtshimSehFinallyBegin(void);
void NtshimSehFinallyEnd(NTSHIM_SEH_END *End);
long NtshimSehCode(void);

/* MSVC pragmas (alloc_text, code_seg, warning...) have no meaning to gcc. */
#pragma GCC diagnostic ignored "-Wunknown-pragmas"

/* Calling conventions: x64 has a single one. */
#define __stdcall
#define __cdecl
#define __fastcall
#define __thiscall
#define __vectorcall
#define __ptr64
#define __ptr32
#define __unaligned
#define __restrict_ptr
#define __int64		long long
#define __int32		int
#define __int16		short
#define __int8		char
#define __forceinline	inline __attribute__((__always_inline__))
#define __pragma(x)	_Pragma(#x)
#define __noop(...)	((void)0)
#define __assume(e)	((void)0)
#define _ReturnAddress()	__builtin_return_address(0)
#define _AddressOfReturnAddress() \
	((void *)((char *)__builtin_frame_address(0) + sizeof(void *)))

/* __declspec(x): the common spellings, mapped one by one. */
#define __declspec(x)			__NTSHIM_DECLSPEC_##x
#define __NTSHIM_DECLSPEC_noinline	__attribute__((__noinline__))
#define __NTSHIM_DECLSPEC_noreturn	__attribute__((__noreturn__))
#define __NTSHIM_DECLSPEC_align(x)	__attribute__((__aligned__(x)))
#define __NTSHIM_DECLSPEC_selectany	__attribute__((__weak__))
#define __NTSHIM_DECLSPEC_dllimport
#define __NTSHIM_DECLSPEC_dllexport
#define __NTSHIM_DECLSPEC_deprecated
#define __NTSHIM_DECLSPEC_nothrow
#define __NTSHIM_DECLSPEC_novtable
#define __NTSHIM_DECLSPEC_restrict
#define __NTSHIM_DECLSPEC_noalias
#define __NTSHIM_DECLSPEC_thread

#endif /* _NTSHIM_WDM_COMPILER_H */
