#ifndef AS_CLOCK_H
#define AS_CLOCK_H
/* Time for deadlines and progress: a monotonic clock in milliseconds;
 * and dates as reports write them. */
#include <stddef.h>
#include <stdint.h>

int64_t as_now_ms(void);

/* "2024-01-01T12:00:00Z" (UTC) for seconds since the epoch; `size` 21 or
 * more. */
void as_time_iso(char *out, size_t size, int64_t t);

#endif
