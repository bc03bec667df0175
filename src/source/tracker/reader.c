#include "source/tracker/reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "util/alloc.h"
#include "util/error.h"

/* Record offsets are 32-bit in places; no export is this big anyway. */
#define MAX_EXPORT_BYTES (2ull << 30)

static int too_large(const char *path, unsigned long long size, uint64_t max)
{
	return as_error_set(AS_EINPUT, "%s: %llu bytes, larger than max_export_bytes (%llu): "
			    "split the export, or raise max_export_bytes in [antisilo]",
			    path, size, (unsigned long long)max);
}

int trk_reader_open(trk_reader *r, const char *path, uint64_t max_bytes)
{
	struct stat st;
	memset(r, 0, sizeof(*r));
	r->path = path;
	r->max_bytes = max_bytes;
	r->fp = fopen(path, "rb");
	if (!r->fp)
		return as_error_set(errno == ENOENT ? AS_EINPUT : AS_EINTERNAL,
				    "%s: cannot open: %s", path, strerror(errno));
	int err = 0;
	if (fstat(fileno(r->fp), &st) == 0) {
		if (S_ISDIR(st.st_mode))
			err = as_error_set(AS_EINPUT, "%s: is a directory, not a tracker export", path);
		else if ((unsigned long long)st.st_size > MAX_EXPORT_BYTES)
			err = as_error_set(AS_EINPUT, "%s: larger than 2 GiB; split the export", path);
		else if (max_bytes && S_ISREG(st.st_mode) &&
			 (unsigned long long)st.st_size > max_bytes)
			err = too_large(path, (unsigned long long)st.st_size, max_bytes);
	}
	if (err < 0) {
		fclose(r->fp);
		r->fp = NULL;
		return err;
	}
	r->buf = as_xmalloc(TRK_CHUNK);
	err = trk_reader_fill(r);
	return err < 0 ? err : 0;
}

void trk_reader_close(trk_reader *r)
{
	if (r->fp)
		fclose(r->fp);
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

int trk_reader_fill(trk_reader *r)
{
	if (r->eof)
		return r->eof < 0 ? AS_EINTERNAL : 0;
	r->base += r->len;
	r->pos = 0;
	r->len = fread(r->buf, 1, TRK_CHUNK, r->fp);
	if (r->max_bytes && r->base + r->len > r->max_bytes) {
		r->len = 0;
		r->eof = -1;
		r->too_large = 1;
		return as_error_set(AS_EINPUT, "%s: more than %llu bytes, larger than "
				    "max_export_bytes: split the export, or raise "
				    "max_export_bytes in [antisilo]", r->path,
				    (unsigned long long)r->max_bytes);
	}
	if (r->len)
		return 1;
	if (ferror(r->fp)) {
		r->eof = -1;
		return as_error_set(AS_EINTERNAL, "%s: read error: %s", r->path, strerror(errno));
	}
	r->eof = 1;
	return 0;
}

int trk_reader_cut(trk_reader *r, size_t at)
{
	if (at == 0 || at >= r->len)
		return 0;
	if (fseeko(r->fp, (off_t)(r->base + at), SEEK_SET) != 0)
		return as_error_set(AS_EINTERNAL, "%s: cannot seek: %s", r->path, strerror(errno));
	clearerr(r->fp);
	r->len = at;
	r->eof = 0;
	return 0;
}

void trk_reader_skip_bom(trk_reader *r)
{
	if (r->pos == r->len && trk_reader_fill(r) <= 0)
		return;
	/* a chunk that ended inside the first three bytes: read the rest of
	 * them into the same buffer, so that the BOM is seen whole */
	if (r->len - r->pos < 3 && !r->eof) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->base += r->pos;
		r->len -= r->pos;
		r->pos = 0;
		r->len += fread(r->buf + r->len, 1, 3 - r->len, r->fp);
	}
	if (r->len - r->pos >= 3 && !memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3))
		r->pos += 3;
}

static int vfail(const char *place, const char *fmt, va_list ap)
{
	return as_error_vat(AS_EINPUT, place, fmt, ap);
}

int trk_fail_record(const trk_reader *r, uint64_t record, uint64_t byte, const char *fmt, ...)
{
	char place[4200];
	va_list ap;
	snprintf(place, sizeof(place), "%s: record %llu (byte %llu): ", r->path,
		 (unsigned long long)record, (unsigned long long)byte);
	va_start(ap, fmt);
	vfail(place, fmt, ap);
	va_end(ap);
	return AS_EINPUT;
}

int trk_fail_line(const trk_reader *r, uint64_t line, const char *fmt, ...)
{
	char place[4200];
	va_list ap;
	snprintf(place, sizeof(place), "%s: line %llu: ", r->path, (unsigned long long)line);
	va_start(ap, fmt);
	vfail(place, fmt, ap);
	va_end(ap);
	return AS_EINPUT;
}

int trk_fail_byte(const trk_reader *r, uint64_t byte, const char *fmt, ...)
{
	char place[4200];
	va_list ap;
	snprintf(place, sizeof(place), "%s: byte %llu: ", r->path, (unsigned long long)byte);
	va_start(ap, fmt);
	vfail(place, fmt, ap);
	va_end(ap);
	return AS_EINPUT;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int trk_parse_iso8601(int64_t *out, const char *s)
{
	int Y, M, D, h = 0, m = 0, sec = 0;
	if (digits(s, 4, &Y) || s[4] != '-' || digits(s + 5, 2, &M) || s[7] != '-' ||
	    digits(s + 8, 2, &D))
		return -1;
	s += 10;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		if (digits(s + 1, 2, &h) || s[3] != ':' || digits(s + 4, 2, &m))
			return -1;
		s += 6;
		if (*s == ':') {
			if (digits(s + 1, 2, &sec))
				return -1;
			s += 3;
		}
		if (*s == '.' || *s == ',') {
			s++;
			while (*s >= '0' && *s <= '9')
				s++;
		}
	}
	int offset = 0;
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int oh, om = 0, sign = *s == '-' ? -1 : 1;
		if (digits(s + 1, 2, &oh))
			return -1;
		s += 3;
		if (*s == ':')
			s++;
		if (*s && digits(s, 2, &om))
			return -1;
		if (*s)
			s += 2;
		offset = sign * (oh * 3600 + om * 60);
	}
	if (*s || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60)
		return -1;
	struct tm tm = { .tm_year = Y - 1900, .tm_mon = M - 1, .tm_mday = D,
			 .tm_hour = h, .tm_min = m, .tm_sec = sec };
	*out = (int64_t)timegm(&tm) - offset;
	return 0;
}
