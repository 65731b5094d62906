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
 * Structured exception handling compiles; nothing raises an exception yet,
 * so a __try block runs to its end (or to a __leave, a jump to a label
 * local to the __try), an __except block never runs and a __finally block
 * always does.  Where NT differs: a return, break, continue or goto out of
 * a __try skips its __finally (NT runs it as the block is left).
 */
#define __try		if (1) { __label__ __ntshim_leave;
#define __except(f)	__ntshim_leave: __attribute__((__unused__)); } else if (0)
#define __finally	__ntshim_leave: __attribute__((__unused__)); } if (1)
#define __leave		goto __ntshim_leave
#define try		__try
#define except(f)	__except(f)
#define finally		__finally
#define leave		__leave
#define EXCEPTION_EXECUTE_HANDLER	1
#define EXCEPTION_CONTINUE_SEARCH	0
#define EXCEPTION_CONTINUE_EXECUTION	(-1)
#define GetExceptionCode()		((long)0)
#define GetExceptionInformation()	((void *)0)
#define _exception_code()		GetExceptionCode()
#define AbnormalTermination()		0

/* (The kernel's own asm_inline is "asm __inline": not on ntshim's side.) */
#define __inline	inline
#endif /* !NTSHIM_KERNEL_SIDE */

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
