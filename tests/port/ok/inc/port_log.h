/* Logging macros as a Windows source tree keeps them: CRLF line ends. */
#ifndef PORT_LOG_H
#define PORT_LOG_H
#define PortLogError(str, ...)		\
	DbgPrintEx(DPFLTR_IHVDRIVER_ID,	\
		   DPFLTR_ERROR_LEVEL,	\
		   "%s: %d: "##str"\n",	\
		   "ntt_port",		\
		   __LINE__,		\
		   __VA_ARGS__)
#endif
