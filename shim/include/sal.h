/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sal.h - the source annotation language of the WDK headers and of the
 * drivers written against them.  The annotations guide Microsoft's code
 * analyser and mean nothing to the compiler, so each is defined away;
 * every spelling a driver may use is here, so that none reaches gcc as a
 * stray identifier.  driverspecs.h adds the kernel's, specstrings.h the
 * older double-underscore spellings.
 */
#ifndef _NTSHIM_SAL_H
#define _NTSHIM_SAL_H

/* SAL 2 parameter annotations. */
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _In_reads_(s)
#define _In_reads_opt_(s)
#define _In_reads_bytes_(s)
#define _In_reads_bytes_opt_(s)
#define _In_reads_z_(s)
#define _In_reads_opt_z_(s)
#define _In_reads_or_z_(s)
#define _In_reads_or_z_opt_(s)
#define _In_reads_to_ptr_(p)
#define _In_reads_to_ptr_opt_(p)
#define _In_reads_to_ptr_z_(p)
#define _In_reads_to_ptr_opt_z_(p)
#define _In_range_(l, h)
#define _In_defensive_(a)
#define _In_NLS_string_(s)
#define _In_count_(s)
#define _In_opt_count_(s)
#define _In_bytecount_(s)
#define _In_opt_bytecount_(s)
#define _In_z_count_(s)
#define _In_z_bytecount_(s)
#define _In_count_c_(s)
#define _In_bytecount_c_(s)
#define _Out_
#define _Out_opt_
#define _Out_writes_(s)
#define _Out_writes_opt_(s)
#define _Out_writes_bytes_(s)
#define _Out_writes_bytes_opt_(s)
#define _Out_writes_z_(s)
#define _Out_writes_opt_z_(s)
#define _Out_writes_to_(s, c)
#define _Out_writes_to_opt_(s, c)
#define _Out_writes_all_(s)
#define _Out_writes_all_opt_(s)
#define _Out_writes_bytes_to_(s, c)
#define _Out_writes_bytes_to_opt_(s, c)
#define _Out_writes_bytes_all_(s)
#define _Out_writes_bytes_all_opt_(s)
#define _Out_writes_to_ptr_(p)
#define _Out_writes_to_ptr_opt_(p)
#define _Out_writes_to_ptr_z_(p)
#define _Out_writes_to_ptr_opt_z_(p)
#define _Out_range_(l, h)
#define _Out_defensive_(a)
#define _Out_cap_(s)
#define _Out_opt_cap_(s)
#define _Out_bytecap_(s)
#define _Out_opt_bytecap_(s)
#define _Out_z_cap_(s)
#define _Out_z_bytecap_(s)
#define _Out_cap_c_(s)
#define _Out_bytecap_c_(s)
#define _Out_cap_post_count_(s, c)
#define _Out_bytecap_post_bytecount_(s, c)
#define _Out_z_cap_post_count_(s, c)
#define _Out_capcount_(s)
#define _Out_bytecapcount_(s)
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_opt_z_
#define _Inout_updates_(s)
#define _Inout_updates_opt_(s)
#define _Inout_updates_z_(s)
#define _Inout_updates_opt_z_(s)
#define _Inout_updates_to_(s, c)
#define _Inout_updates_to_opt_(s, c)
#define _Inout_updates_all_(s)
#define _Inout_updates_all_opt_(s)
#define _Inout_updates_bytes_(s)
#define _Inout_updates_bytes_opt_(s)
#define _Inout_updates_bytes_to_(s, c)
#define _Inout_updates_bytes_to_opt_(s, c)
#define _Inout_updates_bytes_all_(s)
#define _Inout_updates_bytes_all_opt_(s)
#define _Inout_defensive_(a)
#define _Inout_cap_(s)
#define _Inout_opt_cap_(s)
#define _Inout_bytecap_(s)
#define _Inout_opt_bytecap_(s)
#define _Inout_count_(s)
#define _Inout_opt_count_(s)
#define _Inout_bytecount_(s)
#define _Inout_opt_bytecount_(s)
#define _Inout_z_cap_(s)
#define _Inout_z_bytecap_(s)

/* Pointers to pointers. */
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_z_
#define _Outptr_opt_result_z_
#define _Outptr_result_maybenull_z_
#define _Outptr_opt_result_maybenull_z_
#define _Outptr_result_nullonfailure_
#define _Outptr_opt_result_nullonfailure_
#define _Outptr_result_buffer_(s)
#define _Outptr_opt_result_buffer_(s)
#define _Outptr_result_buffer_to_(s, c)
#define _Outptr_opt_result_buffer_to_(s, c)
#define _Outptr_result_buffer_all_(s)
#define _Outptr_opt_result_buffer_all_(s)
#define _Outptr_result_buffer_maybenull_(s)
#define _Outptr_opt_result_buffer_maybenull_(s)
#define _Outptr_result_buffer_to_maybenull_(s, c)
#define _Outptr_opt_result_buffer_to_maybenull_(s, c)
#define _Outptr_result_buffer_all_maybenull_(s)
#define _Outptr_opt_result_buffer_all_maybenull_(s)
#define _Outptr_result_bytebuffer_(s)
#define _Outptr_opt_result_bytebuffer_(s)
#define _Outptr_result_bytebuffer_to_(s, c)
#define _Outptr_opt_result_bytebuffer_to_(s, c)
#define _Outptr_result_bytebuffer_all_(s)
#define _Outptr_opt_result_bytebuffer_all_(s)
#define _Outptr_result_bytebuffer_maybenull_(s)
#define _Outptr_opt_result_bytebuffer_maybenull_(s)
#define _Outptr_result_bytebuffer_to_maybenull_(s, c)
#define _Outptr_opt_result_bytebuffer_to_maybenull_(s, c)
#define _Outptr_result_bytebuffer_all_maybenull_(s)
#define _Outptr_opt_result_bytebuffer_all_maybenull_(s)
#define _Outref_
#define _Outref_result_maybenull_
#define _Outref_result_nullonfailure_
#define _Outref_result_buffer_(s)
#define _Outref_result_bytebuffer_(s)
#define _Outref_result_buffer_to_(s, c)
#define _Outref_result_bytebuffer_to_(s, c)
#define _Outref_result_buffer_all_(s)
#define _Outref_result_bytebuffer_all_(s)
#define _Outref_result_buffer_maybenull_(s)
#define _Outref_result_bytebuffer_maybenull_(s)
#define _Outref_result_buffer_to_maybenull_(s, c)
#define _Outref_result_bytebuffer_to_maybenull_(s, c)
#define _Outref_result_buffer_all_maybenull_(s)
#define _Outref_result_bytebuffer_all_maybenull_(s)
#define _COM_Outptr_
#define _COM_Outptr_result_maybenull_
#define _COM_Outptr_opt_
#define _COM_Outptr_opt_result_maybenull_
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_opt_out_
#define _Deref_opt_out_opt_
#define _Deref_out_z_
#define _Deref_out_opt_z_
#define _Deref_opt_out_z_
#define _Deref_opt_out_opt_z_
#define _Deref_out_range_(l, h)
#define _Deref_in_range_(l, h)
#define _Deref_inout_range_(l, h)
#define _Deref_in_bound_
#define _Deref_out_bound_
#define _Deref_inout_bound_
#define _Deref_inout_z_
#define _Deref_ret_z_
#define _Deref_ret_range_(l, h)
#define _Deref_pre_null_
#define _Deref_pre_notnull_
#define _Deref_pre_maybenull_
#define _Deref_pre_z_
#define _Deref_pre_valid_
#define _Deref_pre_invalid_
#define _Deref_pre_readonly_
#define _Deref_pre_writeonly_
#define _Deref_post_null_
#define _Deref_post_notnull_
#define _Deref_post_maybenull_
#define _Deref_post_z_
#define _Deref_post_valid_
#define _Deref_post_invalid_
#define _Deref_post_cap_(s)
#define _Deref_post_bytecap_(s)
#define _Deref_post_count_(s)
#define _Deref_post_bytecount_(s)
#define _Deref_out_ecount_(s)
#define _Deref2_pre_readonly_

/* Return values. */
#define _Ret_
#define _Ret_z_
#define _Ret_maybenull_z_
#define _Ret_notnull_
#define _Ret_maybenull_
#define _Ret_null_
#define _Ret_valid_
#define _Ret_opt_valid_
#define _Ret_writes_(s)
#define _Ret_writes_z_(s)
#define _Ret_writes_bytes_(s)
#define _Ret_writes_maybenull_(s)
#define _Ret_writes_maybenull_z_(s)
#define _Ret_writes_bytes_maybenull_(s)
#define _Ret_writes_to_(s, c)
#define _Ret_writes_bytes_to_(s, c)
#define _Ret_writes_to_maybenull_(s, c)
#define _Ret_writes_bytes_to_maybenull_(s, c)
#define _Ret_range_(l, h)
#define _Ret_cap_(s)
#define _Ret_bytecap_(s)
#define _Ret_count_(s)
#define _Ret_bytecount_(s)
#define _Ret_z_cap_(s)
#define _Check_return_
#define _Must_inspect_result_
#define _Success_(e)
#define _Return_type_success_(e)
#define _On_failure_(a)
#define _Always_(a)
#define _Use_decl_annotations_
#define _Result_nullonfailure_
#define _Result_zeroonfailure_
#define _Results_replaced_(x)

/* Building blocks. */
#define _Pre_
#define _Post_
#define _Deref_
#define _Null_
#define _Notnull_
#define _Maybenull_
#define _Valid_
#define _Notvalid_
#define _Maybevalid_
#define _Const_
#define _Curr_
#define _Old_(e)
#define _Param_(n)
#define _Group_(a)
#define _Satisfies_(e)
#define _Readable_bytes_(s)
#define _Readable_elements_(s)
#define _Writable_bytes_(s)
#define _Writable_elements_(s)
#define _Null_terminated_
#define _NullNull_terminated_
#define _Literal_
#define _Notliteral_
#define _Pre_z_
#define _Post_z_
#define _Pre_null_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Post_null_
#define _Post_notnull_
#define _Post_maybenull_
#define _Pre_valid_
#define _Post_valid_
#define _Pre_opt_valid_
#define _Pre_invalid_
#define _Post_invalid_
#define _Pre_unknown_
#define _Pre_readonly_
#define _Pre_writeonly_
#define _Pre_defensive_
#define _Post_defensive_
#define _Post_ptr_invalid_
#define _Pre_readable_size_(s)
#define _Pre_writable_size_(s)
#define _Pre_readable_byte_size_(s)
#define _Pre_writable_byte_size_(s)
#define _Post_readable_size_(s)
#define _Post_writable_size_(s)
#define _Post_readable_byte_size_(s)
#define _Post_writable_byte_size_(s)
#define _Pre_cap_(s)
#define _Pre_bytecap_(s)
#define _Pre_count_(s)
#define _Pre_bytecount_(s)
#define _Post_count_(s)
#define _Post_bytecount_(s)
#define _Post_z_count_(s)
#define _Pre_equal_to_(e)
#define _Post_equal_to_(e)
#define _Pre_satisfies_(e)
#define _Post_satisfies_(e)
#define _Unchanged_(e)
#define _When_(c, a)
#define _At_(t, a)
#define _At_buffer_(t, i, b, a)
#define _Inexpressible_(e)
#define _Unreferenced_parameter_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Reserved_
#define _Points_to_data_
#define _Strict_type_match_
#define _Printf_format_string_
#define _Scanf_format_string_
#define _Scanf_s_format_string_
#define _Printf_format_string_params_(x)
#define _Scanf_format_string_params_(x)
#define _Scanf_s_format_string_params_(x)
#define _Format_string_impl_(k, w)
#define _Maybe_raises_SEH_exception_
#define _Raises_SEH_exception_
#define _Translates_Win32_to_HRESULT_(e)
#define _Translates_NTSTATUS_to_HRESULT_(e)
#define _Translates_last_error_to_HRESULT_
#define _Enum_is_bitflag_
#define _Notref_
#define _Pre_notref_
#define _Post_notref_
#define _Notnull_impl_

/* Structure fields. */
#define _Field_size_(s)
#define _Field_size_opt_(s)
#define _Field_size_bytes_(s)
#define _Field_size_bytes_opt_(s)
#define _Field_size_part_(s, c)
#define _Field_size_part_opt_(s, c)
#define _Field_size_bytes_part_(s, c)
#define _Field_size_bytes_part_opt_(s, c)
#define _Field_size_full_(s)
#define _Field_size_full_opt_(s)
#define _Field_size_bytes_full_(s)
#define _Field_size_bytes_full_opt_(s)
#define _Field_z_
#define _Field_range_(l, h)
#define _Struct_size_bytes_(s)

/* Analysis only. */
#define _Analysis_assume_(e)
#define _Analysis_noreturn_
#define _Analysis_mode_(m)
#define _Analysis_assume_nullterminated_(x)
#define _Analysis_suppress_lock_checking_(l)
#define _Analysis_assume_lock_held_(l)
#define _Analysis_assume_lock_not_held_(l)
#define _Analysis_assume_lock_acquired_(l)
#define _Analysis_assume_lock_released_(l)
#define _Analysis_assume_same_lock_(a, b)
#define _Analysis_assume_smart_lock_acquired_(l)
#define _Analysis_assume_smart_lock_released_(l)
#define _Analysis_code_type_user_code_
#define _Analysis_code_type_user_driver_
#define _Analysis_code_type_kernel_driver_

/* Concurrency. */
#define _Acquires_lock_(l)
#define _Releases_lock_(l)
#define _Acquires_shared_lock_(l)
#define _Releases_shared_lock_(l)
#define _Acquires_exclusive_lock_(l)
#define _Releases_exclusive_lock_(l)
#define _Acquires_nonreentrant_lock_(l)
#define _Releases_nonreentrant_lock_(l)
#define _Requires_lock_held_(l)
#define _Requires_lock_not_held_(l)
#define _Requires_shared_lock_held_(l)
#define _Requires_exclusive_lock_held_(l)
#define _Requires_no_locks_held_
#define _Guarded_by_(l)
#define _Write_guarded_by_(l)
#define _Interlocked_
#define _Interlocked_operand_
#define _Lock_level_order_(a, b)
#define _Create_lock_level_(n)
#define _Has_lock_kind_(k)
#define _Has_lock_level_(l)
#define _Post_same_lock_(a, b)
#define _No_competing_thread_
#define _Benign_race_begin_
#define _Benign_race_end_
#define _No_competing_thread_begin_
#define _No_competing_thread_end_
#define _Global_critical_region_
#define _Global_cancel_spin_lock_
#define _Global_interlock_
#define _Global_priority_region_
#define _Lock_kind_mutex_
#define _Lock_kind_event_
#define _Lock_kind_semaphore_
#define _Lock_kind_spin_lock_
#define _Lock_kind_critical_section_

#endif /* _NTSHIM_SAL_H */
