/* SPDX-License-Identifier: GPL-2.0 */
/*
 * specstrings.h - the first annotation language's spellings (__in,
 * __out_bcount(n), __checkReturn...), still common in NT4-era and older
 * WDM drivers.  Defined away, as in sal.h.  ntshim's own Linux-side files
 * skip them: the kernel's headers use some of these names themselves.
 */
#ifndef _NTSHIM_SPECSTRINGS_H
#define _NTSHIM_SPECSTRINGS_H

#include <sal.h>

#ifndef NTSHIM_KERNEL_SIDE
/* A statement in a switch: gcc's own marker, so -Wimplicit-fallthrough sees it. */
#define __fallthrough __attribute__((__fallthrough__))
#define __in
#define __in_opt
#define __out
#define __out_opt
#define __inout
#define __inout_opt
#define __in_z
#define __in_opt_z
#define __in_nz
#define __in_opt_nz
#define __in_ecount(s)
#define __in_bcount(s)
#define __in_ecount_opt(s)
#define __in_bcount_opt(s)
#define __in_ecount_z(s)
#define __in_bcount_z(s)
#define __in_ecount_z_opt(s)
#define __in_bcount_z_opt(s)
#define __in_ecount_nz(s)
#define __in_bcount_nz(s)
#define __in_ecount_nz_opt(s)
#define __in_bcount_nz_opt(s)
#define __in_xcount(s)
#define __in_xcount_opt(s)
#define __in_range(l, h)
#define __in_z_opt
#define __out_ecount(s)
#define __out_bcount(s)
#define __out_ecount_opt(s)
#define __out_bcount_opt(s)
#define __out_ecount_part(s, l)
#define __out_bcount_part(s, l)
#define __out_ecount_part_opt(s, l)
#define __out_bcount_part_opt(s, l)
#define __out_ecount_full(s)
#define __out_bcount_full(s)
#define __out_ecount_full_opt(s)
#define __out_bcount_full_opt(s)
#define __out_z
#define __out_z_opt
#define __out_ecount_z(s)
#define __out_bcount_z(s)
#define __out_ecount_z_opt(s)
#define __out_bcount_z_opt(s)
#define __out_ecount_part_z(s, l)
#define __out_bcount_part_z(s, l)
#define __out_ecount_part_z_opt(s, l)
#define __out_bcount_part_z_opt(s, l)
#define __out_ecount_full_z(s)
#define __out_bcount_full_z(s)
#define __out_ecount_full_z_opt(s)
#define __out_bcount_full_z_opt(s)
#define __out_nz
#define __out_nz_opt
#define __out_ecount_nz(s)
#define __out_bcount_nz(s)
#define __out_xcount(s)
#define __out_xcount_opt(s)
#define __out_range(l, h)
#define __out_data_source(x)
#define __out_awcount(e, s)
#define __inout_ecount(s)
#define __inout_bcount(s)
#define __inout_ecount_opt(s)
#define __inout_bcount_opt(s)
#define __inout_ecount_part(s, l)
#define __inout_bcount_part(s, l)
#define __inout_ecount_part_opt(s, l)
#define __inout_bcount_part_opt(s, l)
#define __inout_ecount_full(s)
#define __inout_bcount_full(s)
#define __inout_ecount_full_opt(s)
#define __inout_bcount_full_opt(s)
#define __inout_z
#define __inout_opt_z
#define __inout_ecount_z(s)
#define __inout_bcount_z(s)
#define __inout_ecount_z_opt(s)
#define __inout_bcount_z_opt(s)
#define __inout_nz
#define __inout_opt_nz
#define __inout_ecount_nz(s)
#define __inout_bcount_nz(s)
#define __inout_xcount(s)
#define __inout_xcount_opt(s)
#define __deref_in
#define __deref_in_opt
#define __deref_opt_in
#define __deref_in_ecount(s)
#define __deref_in_bcount(s)
#define __deref_in_range(l, h)
#define __deref_out
#define __deref_out_opt
#define __deref_opt_out
#define __deref_opt_out_opt
#define __deref_out_z
#define __deref_out_z_opt
#define __deref_out_ecount(s)
#define __deref_out_bcount(s)
#define __deref_out_ecount_opt(s)
#define __deref_out_bcount_opt(s)
#define __deref_out_ecount_part(s, l)
#define __deref_out_bcount_part(s, l)
#define __deref_out_ecount_full(s)
#define __deref_out_bcount_full(s)
#define __deref_out_range(l, h)
#define __deref_out_nz
#define __deref_opt_out_z
#define __deref_inout
#define __deref_inout_opt
#define __deref_opt_inout
#define __deref_opt_inout_opt
#define __deref_inout_z
#define __deref_inout_ecount(s)
#define __deref_inout_bcount(s)
#define __deref_ecount(s)
#define __deref_bcount(s)
#define __ecount(s)
#define __bcount(s)
#define __ecount_opt(s)
#define __bcount_opt(s)
#define __xcount(s)
#define __field_ecount(s)
#define __field_bcount(s)
#define __field_ecount_opt(s)
#define __field_bcount_opt(s)
#define __field_ecount_part(s, l)
#define __field_bcount_part(s, l)
#define __field_ecount_part_opt(s, l)
#define __field_bcount_part_opt(s, l)
#define __field_ecount_full(s)
#define __field_bcount_full(s)
#define __field_ecount_full_opt(s)
#define __field_bcount_full_opt(s)
#define __field_range(l, h)
#define __field_nullterminated
#define __field_xcount(s)
#define __struct_bcount(s)
#define __struct_xcount(s)
#define __nullterminated
#define __nullnullterminated
#define __possibly_notnullterminated
#define __reserved
#define __checkReturn
#define __typefix(t)
#define __override
#define __callback
#define __blocksOn(r)
#define __control_entrypoint(c)
#define __rpc_entrypoint
#define __kernel_entry
#define __gdi_entry
#define __success(e)
#define __range(l, h)
#define __format_string
#define __notnull
#define __maybenull
#define __readonly
#define __notvalid
#define __valid
#define __post
#define __pre
#define __bound
#define __allocator
#define __deallocate(k)
#define __deallocate_opt(k)
#define __post_invalid
#define __out_validated(s)
#define __inexpressible_readableTo(s)
#define __inexpressible_writableTo(s)
#define __analysis_assume(e)
#define __analysis_assert(e)
#define __analysis_noreturn
#define __assume_bound(x)
#define __encoded_pointer
#define __encoded_array
#define __transfer(x)
#define __refparam
#define __ecount_z(s)
#define __bcount_z(s)
#define __out_has_type_adt_props(t)
#define __this_out_data_source(x)
#define __this_out_validated(x)
#endif /* !NTSHIM_KERNEL_SIDE */

#endif /* _NTSHIM_SPECSTRINGS_H */
