// SPDX-License-Identifier: GPL-2.0
/*
 * HAL: interrupt vectors, PCI configuration space and bus addresses, for
 * legacy NT drivers that find and set up their hardware themselves.
 *
 * A "vector" is a Linux IRQ number.  PCI configuration reads report in
 * InterruptLine the Linux IRQ of the device's INTx pin, which is what an NT4
 * driver hands to HalGetInterruptVector(PCIBus, ...).  A device a legacy
 * driver reads is enabled (as an NT4 HAL would have found it), unless a
 * Linux driver owns it or it is a bridge; ntshim disables what it enabled
 * when it goes.
 */
#include "hal.h"
#include <linux/irq.h>
#include <linux/pci.h>


static LIST_HEAD(hal_enabled);
static DEFINE_MUTEX(hal_lock);

struct hal_device {
	struct list_head node;
	struct pci_dev *pdev;
};

static KIRQL hal_dirql(ULONG irq)
{
	/* Spread lines over the device levels, 3 to 11. */
	return DISPATCH_LEVEL + 1 + irq % 9;
}

ULONG NTAPI HalGetInterruptVector(INTERFACE_TYPE InterfaceType, ULONG BusNumber,
				  ULONG BusInterruptLevel, ULONG BusInterruptVector,
				  PKIRQL Irql, PKAFFINITY Affinity)
{
	ULONG irq = BusInterruptLevel ? BusInterruptLevel : BusInterruptVector;
	KAFFINITY mask = 0;

	switch (InterfaceType) {
	case Internal:
	case PCIBus:
		break;
	case Isa:
	case Eisa:
		/* Legacy ISA lines keep their numbers on x86 (0-15). */
		if (irq >= 16)
			irq = ~0U;
		break;
	default:
		ntshim_complain(NTC_UNSUPPORTED, (void *)_RET_IP_,
				"HalGetInterruptVector: interface type %d not supported", InterfaceType);
		return 0;
	}
	if (irq == ~0U || !irq_get_irq_data(irq)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"HalGetInterruptVector: no interrupt line for level %u, vector %u",
				BusInterruptLevel, BusInterruptVector);
		return 0;
	}
	mask = ntshim_active_processors();
	if (Irql)
		*Irql = hal_dirql(irq);
	if (Affinity)
		*Affinity = mask;
	return irq;
}
NTSHIM_EXPORT(HalGetInterruptVector);

/* A legacy driver found its device: enable it as the NT4 HAL would have. */
static void hal_enable(struct pci_dev *pdev)
{
	struct hal_device *h;

	if (pdev->driver)
		return;		/* a Linux driver owns it */
	if ((pdev->class >> 16) == PCI_BASE_CLASS_BRIDGE)
		return;		/* the platform's, never a legacy driver's */
	mutex_lock(&hal_lock);
	list_for_each_entry(h, &hal_enabled, node)
		if (h->pdev == pdev)
			goto out;
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (h && !pci_enable_device(pdev)) {
		pci_set_master(pdev);
		h->pdev = pci_dev_get(pdev);
		list_add(&h->node, &hal_enabled);
		h = NULL;
	}
	kfree(h);
out:
	mutex_unlock(&hal_lock);
}

static struct pci_dev *hal_pci_device(ULONG bus, ULONG slot, bool *bus_exists)
{
	PCI_SLOT_NUMBER s;

	s.u.AsULONG = slot;
	*bus_exists = pci_find_bus(0, bus) != NULL;
	if (!*bus_exists)
		return NULL;
	return pci_get_domain_bus_and_slot(0, bus, PCI_DEVFN(s.u.bits.DeviceNumber,
							     s.u.bits.FunctionNumber));
}

static ULONG hal_pci_access(ULONG bus, ULONG slot, PUCHAR buf, ULONG offset, ULONG length,
			    bool write)
{
	struct pci_dev *pdev;
	bool bus_exists;
	ULONG i;
	u8 b;

	pdev = hal_pci_device(bus, slot, &bus_exists);
	if (!pdev) {
		if (!bus_exists)
			return 0;
		/* An empty slot on a real bus: NT reports an invalid vendor. */
		if (!write && offset == 0 && length >= 2) {
			*(PUSHORT)buf = PCI_INVALID_VENDORID;
			return 2;
		}
		return 0;
	}
	if (!write)
		hal_enable(pdev);
	for (i = 0; i < length && offset + i < 256; i++) {
		if (write) {
			pci_write_config_byte(pdev, offset + i, buf[i]);
			continue;
		}
		pci_read_config_byte(pdev, offset + i, &b);
		/* InterruptLine is the line Linux routed the pin to. */
		if (offset + i == PCI_INTERRUPT_LINE)
			b = pdev->irq < 256 ? pdev->irq : 0;
		buf[i] = b;
	}
	pci_dev_put(pdev);
	return i;
}

static ULONG hal_bus_data(BUS_DATA_TYPE type, ULONG bus, ULONG slot, PVOID buf,
			  ULONG offset, ULONG length, bool write, const void *caller)
{
	if (type != PCIConfiguration) {
		ntshim_complain(NTC_UNSUPPORTED, caller, "Hal%sBusData: bus data type %d not supported",
				write ? "Set" : "Get", type);
		return 0;
	}
	return hal_pci_access(bus, slot, buf, offset, length, write);
}

ULONG NTAPI HalGetBusDataByOffset(BUS_DATA_TYPE BusDataType, ULONG BusNumber,
				  ULONG SlotNumber, PVOID Buffer, ULONG Offset, ULONG Length)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, 0);
	return hal_bus_data(BusDataType, BusNumber, SlotNumber, Buffer, Offset, Length, false,
			    (void *)_RET_IP_);
}
NTSHIM_EXPORT(HalGetBusDataByOffset);

ULONG NTAPI HalGetBusData(BUS_DATA_TYPE BusDataType, ULONG BusNumber, ULONG SlotNumber,
			  PVOID Buffer, ULONG Length)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, 0);
	return hal_bus_data(BusDataType, BusNumber, SlotNumber, Buffer, 0, Length, false,
			    (void *)_RET_IP_);
}
NTSHIM_EXPORT(HalGetBusData);

ULONG NTAPI HalSetBusDataByOffset(BUS_DATA_TYPE BusDataType, ULONG BusNumber,
				  ULONG SlotNumber, PVOID Buffer, ULONG Offset, ULONG Length)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, 0);
	return hal_bus_data(BusDataType, BusNumber, SlotNumber, Buffer, Offset, Length, true,
			    (void *)_RET_IP_);
}
NTSHIM_EXPORT(HalSetBusDataByOffset);

ULONG NTAPI HalSetBusData(BUS_DATA_TYPE BusDataType, ULONG BusNumber, ULONG SlotNumber,
			  PVOID Buffer, ULONG Length)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, 0);
	return hal_bus_data(BusDataType, BusNumber, SlotNumber, Buffer, 0, Length, true,
			    (void *)_RET_IP_);
}
NTSHIM_EXPORT(HalSetBusData);

/* x86 buses see physical addresses as they are; port space stays port space. */
BOOLEAN NTAPI HalTranslateBusAddress(INTERFACE_TYPE InterfaceType, ULONG BusNumber,
				     PHYSICAL_ADDRESS BusAddress, PULONG AddressSpace,
				     PPHYSICAL_ADDRESS TranslatedAddress)
{
	if (!AddressSpace || !TranslatedAddress)
		return FALSE;
	*TranslatedAddress = BusAddress;
	return TRUE;
}
NTSHIM_EXPORT(HalTranslateBusAddress);

void ntshim_hal_exit(void)
{
	struct hal_device *h, *next;

	list_for_each_entry_safe(h, next, &hal_enabled, node) {
		pci_disable_device(h->pdev);
		pci_dev_put(h->pdev);
		kfree(h);
	}
}
