#include "report/report.h"

#include <string.h>

as_reporter as_reporter_for(const char *format)
{
	static const struct {
		const char *name;
		as_reporter fn;
	} table[] = {
		{ "text", as_report_text },
		{ "json", as_report_json },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(format, table[i].name))
			return table[i].fn;
	return NULL;
}
