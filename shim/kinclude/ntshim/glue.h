/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between ntshim and the module glue linked into every ported
 * NT driver (shim/linux/ntglue.c).  The glue owns module_init/module_exit;
 * ntshim owns everything NT.
 */
#ifndef NTSHIM_GLUE_H
#define NTSHIM_GLUE_H

struct module;
struct _DRIVER_OBJECT;
struct _UNICODE_STRING;
struct ntshim_driver;

/* NTSTATUS DriverEntry(PDRIVER_OBJECT, PUNICODE_STRING), as the glue sees it. */
typedef int ntshim_driver_entry_t(struct _DRIVER_OBJECT *driver_object,
				  struct _UNICODE_STRING *registry_path);

int ntshim_driver_load(struct module *owner, ntshim_driver_entry_t *entry,
		       struct ntshim_driver **driver);
void ntshim_driver_unload(struct ntshim_driver *driver);

#endif /* NTSHIM_GLUE_H */
