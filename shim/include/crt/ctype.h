/* SPDX-License-Identifier: GPL-2.0 */
/* ctype.h - ntshim's kernel C runtime (see _ntcrt.h): the "C" locale. */
#ifndef _NTSHIM_CTYPE_H
#define _NTSHIM_CTYPE_H
#include <_ntcrt.h>

int isalpha(int c) _NTSHIM_CRT(isalpha);
int isupper(int c) _NTSHIM_CRT(isupper);
int islower(int c) _NTSHIM_CRT(islower);
int isdigit(int c) _NTSHIM_CRT(isdigit);
int isxdigit(int c) _NTSHIM_CRT(isxdigit);
int isspace(int c) _NTSHIM_CRT(isspace);
int ispunct(int c) _NTSHIM_CRT(ispunct);
int isalnum(int c) _NTSHIM_CRT(isalnum);
int isprint(int c) _NTSHIM_CRT(isprint);
int isgraph(int c) _NTSHIM_CRT(isgraph);
int iscntrl(int c) _NTSHIM_CRT(iscntrl);
int toupper(int c) _NTSHIM_CRT(toupper);
int tolower(int c) _NTSHIM_CRT(tolower);
#define __isascii(c)	((unsigned int)(c) < 0x80)
#define isascii(c)	__isascii(c)
#define __toascii(c)	((c) & 0x7f)
#define toascii(c)	__toascii(c)
#define _tolower(c)	((c) - 'A' + 'a')
#define _toupper(c)	((c) - 'a' + 'A')
#endif
