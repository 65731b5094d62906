/* A header from a folder beside the driver's (INCLUDES=../shared), as samples share one. */
#ifndef PORT_SIBLING_H
#define PORT_SIBLING_H
#define PORT_SIBLING_MASK	0xffffffffui64
#endif
