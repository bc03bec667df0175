#ifndef AS_CLOCK_H
#define AS_CLOCK_H
/* Time for deadlines and progress: a monotonic clock in milliseconds. */
#include <stdint.h>

int64_t as_now_ms(void);

#endif
