/*
 * ntt_isolation: a driver whose own identifiers are names Linux uses.
 * It must build and run: ntshim's headers pull in nothing from Linux.
 */
#define NTTEST_NAME "ntt_isolation"
#include "nttest.h"

struct list_head {
	struct list_head *next;
	int payload;
};

struct range {
	int min;
	int max;
};

typedef unsigned char u8;
typedef unsigned int u32;
typedef int bool;

static ULONG current = 3;
static ULONG jiffies = 250;
static int linux = 1;
static int unix = 2;
static int fallthrough = 4;

static int container_of(int x)
{
	return x * 2;
}

static int printk(int x)
{
	return x + 1;
}

static int kmalloc(int x)
{
	return x + 2;
}

static int likely(int x)
{
	return x + 3;
}

static int noinline(int x)
{
	return x + 4;
}

static int notrace(int x)
{
	return x + 5;
}

static int unreachable(void)
{
	return 6;
}

static int spin_lock(int x)
{
	return x + 7;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	struct list_head node = { &node, 42 };
	struct range r = { 1, 9 };
	int min = 10, max = 20;
	u8 small = 255;
	u32 big = 0xffffffff;
	bool yes = 1;

	UNREFERENCED_PARAMETER(RegistryPath);
	NTTEST("own_current", current == 3);
	NTTEST("own_jiffies", jiffies == 250);
	NTTEST("own_list_head", node.next == &node && node.payload == 42);
	NTTEST("own_min_max_variables", min == 10 && max == 20);
	NTTEST("own_min_max_fields", r.min == 1 && r.max == 9);
	NTTEST("wdk_min_max_still_work", min(min, max) == 10 && max(r.min, r.max) == 9);
	NTTEST("own_container_of", container_of(21) == 42);
	NTTEST("own_linux_unix", linux == 1 && unix == 2 && fallthrough == 4);
	NTTEST("own_kernel_function_names", printk(1) == 2 && kmalloc(1) == 3 &&
	       likely(1) == 4 && noinline(1) == 5 && notrace(1) == 6 &&
	       unreachable() == 6 && spin_lock(1) == 8);
	NTTEST("own_kernel_type_names", small == 255 && big == 0xffffffff && yes);
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
