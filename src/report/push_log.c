#include "report/push_log.h"

#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "report/json.h"
#include "util/append.h"
#include "util/buf.h"
#include "util/error.h"

int as_push_log_write(const as_push_log *l, const char *file, int64_t deadline)
{
	char stamp[32], hex[GIT_OID_HEXSZ + 1];
	time_t now = time(NULL);
	struct tm tm;
	json_t *line = json_object(), *refs = json_array(), *found = json_array();

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(line, "time", json_string(stamp));
	json_object_set_new(line, "event", json_string(l->event));
	json_object_set_new(line, "outcome", json_string(l->outcome));
	json_object_set_new(line, "pusher", as_json_text(l->pusher));
	json_object_set_new(line, "pusher_from", l->pusher ? as_json_text(l->pusher_from)
				  : json_string("no pusher variable was set"));
	json_object_set_new(line, "pusher_person", as_json_text(l->person));
	json_object_set_new(line, "repository", as_json_text(l->repository));
	for (size_t i = 0; l->refs && i < l->refs->nr; i++) {
		json_t *r = json_object();
		json_object_set_new(r, "ref", as_json_text(l->refs->items[i].ref));
		git_oid_tostr(hex, sizeof(hex), &l->refs->items[i].old_oid);
		json_object_set_new(r, "old", json_string(hex));
		git_oid_tostr(hex, sizeof(hex), &l->refs->items[i].new_oid);
		json_object_set_new(r, "new", json_string(hex));
		json_array_append_new(refs, r);
	}
	json_object_set_new(line, "refs", refs);
	for (size_t i = 0; l->findings && i < l->findings->nr; i++) {
		const as_finding *f = &l->findings->items[i];
		if (l->unchecked_only ? !f->unchecked
				      : f->severity < l->min || f->severity >= AS_SEV_NEVER)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "rule", as_json_text(f->rule));
		json_object_set_new(o, "severity", json_string(as_severity_name(f->severity)));
		json_object_set_new(o, "commit", f->commit[0] ? json_string(f->commit) : json_null());
		json_object_set_new(o, "fingerprint", json_string(f->fingerprint));
		json_object_set_new(o, "excerpt", as_json_text(f->excerpt));
		json_array_append_new(found, o);
	}
	json_object_set_new(line, "findings", found);
	json_object_set_new(line, !strcmp(l->event, "waiver") ? "reason" : "why", as_json_text(l->why));

	char *text = json_dumps(line, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(line);
	if (!text)
		return as_error_set(AS_EINTERNAL, "cannot encode the %s record", l->event);
	int err = 0;
	if (!file) {
		openlog("antisilo", LOG_PID, LOG_USER);
		syslog(LOG_WARNING, "pre-receive: %s", text);
		closelog();
	} else {
		as_buf rec = AS_BUF_INIT;
		as_buf_puts(&rec, text);
		as_buf_putc(&rec, '\n');
		err = as_append_record(file, rec.ptr, rec.len, deadline);
		as_buf_free(&rec);
	}
	free(text);
	return err;
}
