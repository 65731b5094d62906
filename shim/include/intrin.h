/* SPDX-License-Identifier: GPL-2.0 */
/*
 * intrin.h - the WDK compiler's x64 intrinsics, on gcc's builtins: the
 * interlocked family (sequentially consistent, as on x64), bit scans and
 * tests, barriers, time stamp, CPUID, MSRs, port I/O, interrupt flag.
 * wdm.h includes it, as the WDK's does.
 */
#ifndef _NTSHIM_INTRIN_H
#define _NTSHIM_INTRIN_H

#define __NTSHIM_SEQ	__ATOMIC_SEQ_CST

#define __NTSHIM_INTERLOCKED(T, S)						\
	FORCEINLINE T _InterlockedIncrement##S(T volatile *a)			\
	{ return __atomic_add_fetch(a, 1, __NTSHIM_SEQ); }			\
	FORCEINLINE T _InterlockedDecrement##S(T volatile *a)			\
	{ return __atomic_sub_fetch(a, 1, __NTSHIM_SEQ); }			\
	FORCEINLINE T _InterlockedExchange##S(T volatile *t, T v)		\
	{ return __atomic_exchange_n(t, v, __NTSHIM_SEQ); }			\
	FORCEINLINE T _InterlockedExchangeAdd##S(T volatile *a, T v)		\
	{ return __atomic_fetch_add(a, v, __NTSHIM_SEQ); }			\
	FORCEINLINE T _InterlockedOr##S(T volatile *d, T v)			\
	{ return __atomic_fetch_or(d, v, __NTSHIM_SEQ); }			\
	FORCEINLINE T _InterlockedAnd##S(T volatile *d, T v)			\
	{ return __atomic_fetch_and(d, v, __NTSHIM_SEQ); }			\
	FORCEINLINE T _InterlockedXor##S(T volatile *d, T v)			\
	{ return __atomic_fetch_xor(d, v, __NTSHIM_SEQ); }			\
	FORCEINLINE T _InterlockedCompareExchange##S(T volatile *d, T x, T c)	\
	{									\
		__atomic_compare_exchange_n(d, &c, x, 0, __NTSHIM_SEQ, __NTSHIM_SEQ); \
		return c;							\
	}

__NTSHIM_INTERLOCKED(LONG, )
__NTSHIM_INTERLOCKED(LONG64, 64)
__NTSHIM_INTERLOCKED(SHORT, 16)

/* The 8-bit logic forms. */
FORCEINLINE CHAR _InterlockedOr8(CHAR volatile *d, CHAR v)
{
	return __atomic_fetch_or(d, v, __NTSHIM_SEQ);
}

FORCEINLINE CHAR _InterlockedAnd8(CHAR volatile *d, CHAR v)
{
	return __atomic_fetch_and(d, v, __NTSHIM_SEQ);
}

FORCEINLINE CHAR _InterlockedXor8(CHAR volatile *d, CHAR v)
{
	return __atomic_fetch_xor(d, v, __NTSHIM_SEQ);
}

/* 128 bits (cmpxchg16b, on every x86-64 CPU Debian's kernels run on). */
FORCEINLINE BOOLEAN _InterlockedCompareExchange128(LONG64 volatile *Destination,
						   LONG64 ExchangeHigh, LONG64 ExchangeLow,
						   LONG64 *ComparandResult)
{
	BOOLEAN ok;

	__asm__ __volatile__("lock cmpxchg16b %1"
			     : "=@ccz"(ok), "+m"(*(volatile __int128 *)Destination),
			       "+a"(ComparandResult[0]), "+d"(ComparandResult[1])
			     : "b"(ExchangeLow), "c"(ExchangeHigh)
			     : "memory");
	return ok;
}

FORCEINLINE PVOID _InterlockedExchangePointer(PVOID volatile *t, PVOID v)
{
	return __atomic_exchange_n(t, v, __NTSHIM_SEQ);
}

FORCEINLINE PVOID _InterlockedCompareExchangePointer(PVOID volatile *d, PVOID x, PVOID c)
{
	__atomic_compare_exchange_n(d, &c, x, 0, __NTSHIM_SEQ, __NTSHIM_SEQ);
	return c;
}

/* The rest would meet the kernel's own helpers on ntshim's side. */
#ifndef NTSHIM_KERNEL_SIDE

/* Bit scans: FALSE (and *Index untouched) when Mask is 0. */
#define __NTSHIM_BITSCAN(Name, T, Bit)						\
	FORCEINLINE BOOLEAN Name(ULONG *Index, T Mask)				\
	{									\
		if (!Mask)							\
			return FALSE;						\
		*Index = (Bit);							\
		return TRUE;							\
	}
__NTSHIM_BITSCAN(_BitScanForward, ULONG, __builtin_ctz(Mask))
__NTSHIM_BITSCAN(_BitScanReverse, ULONG, 31 - __builtin_clz(Mask))
__NTSHIM_BITSCAN(_BitScanForward64, ULONG64, __builtin_ctzll(Mask))
__NTSHIM_BITSCAN(_BitScanReverse64, ULONG64, 63 - __builtin_clzll(Mask))
#undef __NTSHIM_BITSCAN

FORCEINLINE BOOLEAN _bittest(const LONG *Base, LONG Bit)
{
	return (Base[Bit >> 5] >> (Bit & 31)) & 1;
}

/* The bit's old value, then the bit set or cleared. */
FORCEINLINE BOOLEAN __ntshim_bittest_update(LONG *Base, LONG Bit, BOOLEAN Set)
{
	BOOLEAN old = _bittest(Base, Bit);

	if (Set)
		Base[Bit >> 5] |= 1 << (Bit & 31);
	else
		Base[Bit >> 5] &= ~(1 << (Bit & 31));
	return old;
}

#define _bittestandset(Base, Bit)	__ntshim_bittest_update((Base), (Bit), TRUE)
#define _bittestandreset(Base, Bit)	__ntshim_bittest_update((Base), (Bit), FALSE)

FORCEINLINE BOOLEAN _interlockedbittestandset(LONG volatile *Base, LONG Bit)
{
	LONG mask = 1 << (Bit & 31);

	return !!(__atomic_fetch_or(&Base[Bit >> 5], mask, __NTSHIM_SEQ) & mask);
}

FORCEINLINE BOOLEAN _interlockedbittestandreset(LONG volatile *Base, LONG Bit)
{
	LONG mask = 1 << (Bit & 31);

	return !!(__atomic_fetch_and(&Base[Bit >> 5], ~mask, __NTSHIM_SEQ) & mask);
}

FORCEINLINE ULONG __popcnt(ULONG v)
{
	return __builtin_popcount(v);
}

FORCEINLINE ULONG64 __popcnt64(ULONG64 v)
{
	return __builtin_popcountll(v);
}

/* Barriers and the pause hint. */
#define _ReadWriteBarrier()	__asm__ __volatile__("" ::: "memory")
#define _ReadBarrier()		_ReadWriteBarrier()
#define _WriteBarrier()		_ReadWriteBarrier()
#define MemoryBarrier()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define KeMemoryBarrier()	MemoryBarrier()
#define _mm_mfence()		__asm__ __volatile__("mfence" ::: "memory")
#define _mm_lfence()		__asm__ __volatile__("lfence" ::: "memory")
#define _mm_sfence()		__asm__ __volatile__("sfence" ::: "memory")
#define _mm_pause()		__asm__ __volatile__("pause")
#define YieldProcessor()	_mm_pause()

FORCEINLINE ULONG64 __rdtsc(VOID)
{
	ULONG lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((ULONG64)hi << 32) | lo;
}

FORCEINLINE VOID __cpuidex(int Info[4], int Function, int SubFunction)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(Info[0]), "=b"(Info[1]), "=c"(Info[2]), "=d"(Info[3])
			     : "a"(Function), "c"(SubFunction));
}

FORCEINLINE VOID __cpuid(int Info[4], int Function)
{
	__cpuidex(Info, Function, 0);
}

FORCEINLINE ULONG64 __readmsr(ULONG Register)
{
	ULONG lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(Register));
	return ((ULONG64)hi << 32) | lo;
}

FORCEINLINE VOID __writemsr(ULONG Register, ULONG64 Value)
{
	__asm__ __volatile__("wrmsr" : : "c"(Register), "a"((ULONG)Value),
			     "d"((ULONG)(Value >> 32)) : "memory");
}

FORCEINLINE UCHAR __inbyte(USHORT Port)
{
	UCHAR v;

	__asm__ __volatile__("inb %w1, %0" : "=a"(v) : "Nd"(Port));
	return v;
}

FORCEINLINE VOID __outbyte(USHORT Port, UCHAR Value)
{
	__asm__ __volatile__("outb %0, %w1" : : "a"(Value), "Nd"(Port));
}

/* The interrupt flag of this processor, as the WDK's _disable/_enable. */
#define _disable()	__asm__ __volatile__("cli" ::: "memory")
#define _enable()	__asm__ __volatile__("sti" ::: "memory")

/* No debugger to break into: DbgBreakPoint says where, and carries on. */
#define __debugbreak()	DbgBreakPoint()

#endif /* !NTSHIM_KERNEL_SIDE */
#endif /* _NTSHIM_INTRIN_H */
