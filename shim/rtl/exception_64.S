/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A __try's place (rtl/exception.c): the registers the x86-64 calling
 * convention preserves, the stack pointer and the return address.
 *
 * Context: rbx rbp r12 r13 r14 r15 rsp rip (8 quadwords)
 */
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/nospec-branch.h>

/* int NtshimSehSave(unsigned long long *Context): 0 now, nonzero when jumped to. */
SYM_FUNC_START(NtshimSehSave)
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rdx
	movq	%rdx, 48(%rdi)
	movq	(%rsp), %rdx
	movq	%rdx, 56(%rdi)
	xorl	%eax, %eax
	RET
SYM_FUNC_END(NtshimSehSave)

/*
 * void ntshim_seh_jump(unsigned long long *Context, int value): returns
 * from the NtshimSehSave that filled Context, with value.  The way back is
 * a return to the saved address (never an indirect jump, which indirect
 * branch tracking would refuse at a call's return site).
 */
SYM_FUNC_START(ntshim_seh_jump)
	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rsp
	pushq	56(%rdi)
	movl	%esi, %eax
	RET
SYM_FUNC_END(ntshim_seh_jump)
STACK_FRAME_NON_STANDARD ntshim_seh_jump
