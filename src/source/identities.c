/*
 * Identities grouped into developers (identities.h).
 */
#include "source/identities.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source/commit.h"
#include "source/commit_table.h"
#include "source/objects.h"
#include "source/repo.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/table.h"

typedef struct {
	uint32_t name_len;       /* "Name <email>": the name's length */
	uint32_t email_off, email_len;
	uint64_t commits;
	int64_t last;            /* newest author date */
	int person;              /* the org chart's, -1 */
} entry;

struct as_identities {
	as_strtab idents;        /* "Name <email>" after .mailmap -> entry */
	entry *entries;
	size_t entries_alloc;
	as_strtab raws;          /* "Name <email>" as written */
	uint32_t *raw_entry;     /* [raw] */
	size_t raws_alloc;
	as_buf scratch;
	/* the last call's four strings and entry: most commits come in runs
	 * by one author, and a run costs a compare a commit */
	as_buf last;
	size_t last_len[4];
	uint32_t last_e;
	int have_last;

	/* as_identities_finish() */
	uint32_t *dev_of;        /* [entry] */
	uint32_t *name_of;       /* [dev]: the entry that names it */
	int *person_of;          /* [dev] */
	size_t ndevs;
	as_strtab emails;        /* folded; -> email_dev */
	int64_t *email_dev;      /* [email id]: developer, -1 when several */
	as_strtab names;         /* normalised; -> name_dev */
	int64_t *name_dev;
};

as_identities *as_identities_new(void)
{
	as_identities *ids = as_xcalloc(1, sizeof(*ids));
	ids->emails.fold = 1;
	return ids;
}

void as_identities_free(as_identities *ids)
{
	if (!ids)
		return;
	as_strtab_free(&ids->idents);
	as_strtab_free(&ids->raws);
	as_strtab_free(&ids->emails);
	as_strtab_free(&ids->names);
	free(ids->entries);
	free(ids->raw_entry);
	free(ids->dev_of);
	free(ids->name_of);
	free(ids->person_of);
	free(ids->email_dev);
	free(ids->name_dev);
	as_buf_free(&ids->scratch);
	as_buf_free(&ids->last);
	free(ids);
}

static void ident_text(as_buf *b, const char *name, size_t name_len,
		       const char *email, size_t email_len)
{
	as_buf_clear(b);
	as_buf_put(b, name, name_len);
	as_buf_puts(b, " <");
	as_buf_put(b, email, email_len);
	as_buf_putc(b, '>');
}

void as_identities_add(as_identities *ids, const char *raw_name, size_t raw_name_len,
		       const char *raw_email, size_t raw_email_len,
		       const char *name, size_t name_len,
		       const char *email, size_t email_len, int64_t time)
{
	const char *const str[4] = { raw_name, raw_email, name, email };
	const size_t len[4] = { raw_name_len, raw_email_len, name_len, email_len };
	if (ids->have_last) {
		size_t at = 0, k = 0;
		for (; k < 4; at += len[k++])
			if (len[k] != ids->last_len[k] || memcmp(ids->last.ptr + at, str[k], len[k]))
				break;
		if (k == 4) {
			entry *en = &ids->entries[ids->last_e];
			en->commits++;
			if (time > en->last)
				en->last = time;
			return;
		}
	}
	as_buf_clear(&ids->last);
	for (size_t k = 0; k < 4; k++) {
		as_buf_put(&ids->last, str[k], len[k]);
		ids->last_len[k] = len[k];
	}
	ids->have_last = 1;

	ident_text(&ids->scratch, name, name_len, email, email_len);
	size_t before = ids->idents.nr;
	uint32_t e = as_strtab_intern(&ids->idents, ids->scratch.ptr, ids->scratch.len);
	if (ids->idents.nr > before) {
		AS_GROW(ids->entries, ids->idents.nr, ids->entries_alloc);
		entry *en = &ids->entries[e];
		en->name_len = (uint32_t)name_len;
		en->email_off = (uint32_t)name_len + 2;
		en->email_len = (uint32_t)email_len;
		en->commits = 0;
		en->last = time;
		en->person = -1;
	}
	ids->entries[e].commits++;
	if (time > ids->entries[e].last)
		ids->entries[e].last = time;
	ids->last_e = e;

	ident_text(&ids->scratch, raw_name, raw_name_len, raw_email, raw_email_len);
	before = ids->raws.nr;
	uint32_t r = as_strtab_intern(&ids->raws, ids->scratch.ptr, ids->scratch.len);
	if (ids->raws.nr > before) {
		AS_GROW(ids->raw_entry, ids->raws.nr, ids->raws_alloc);
		ids->raw_entry[r] = e;
	}
}

/* One commit's author as written: strings in the batch's text. */
typedef struct {
	size_t name, name_len, email, email_len;
	int64_t time;
} author;

#define ROUND 4096              /* commits read per round */
#define MAX_READERS 8
_Static_assert(MAX_READERS <= AS_COMMIT_VISITOR_THREADS, "a reader's id goes to a visitor");

typedef struct {
	git_oid oids[ROUND];
	author authors[ROUND];
	size_t n;
	_Atomic size_t next;        /* the first commit no reader has taken */
	int err;
	git_repository *repo;
	as_buf text[MAX_READERS];   /* each reader's strings */
	unsigned char which[ROUND]; /* whose text an author's strings are in */
} round_t;

typedef struct {
	round_t *r;
	const as_commit_visitor *visitor;   /* NULL: headers are enough */
	size_t id;
	as_objects_reader *reader;
	git_odb *odb;
	as_commit c;
	int err;
} reader_t;

static int read_author(reader_t *t, size_t i)
{
	round_t *r = t->r;
	as_object obj;
	/* (the header is all an author needs: a prefix read when stored
	 * whole, unless the visitor wants all of it) */
	int err = as_objects_read_any(t->reader, t->odb, &r->oids[i], t->visitor ? 0 : 320, &obj);
	if (!err && obj.len < obj.size && !memmem(obj.data, obj.len, "\n\n", 2))
		err = as_objects_read_any(t->reader, t->odb, &r->oids[i], 0, &obj);
	if (!err)
		err = as_commit_parse_author(&t->c, &r->oids[i], (const char *)obj.data, obj.len);
	if (err < 0)
		return err;
	if (t->visitor)
		t->visitor->visit(t->visitor->data, (unsigned)t->id, &r->oids[i],
				  (const char *)obj.data, obj.len);
	as_buf *b = &r->text[t->id];
	author *a = &r->authors[i];
	a->name = b->len;
	a->name_len = t->c.author_name.len;
	as_buf_put(b, t->c.author_name.ptr, a->name_len);
	a->email = b->len;
	a->email_len = t->c.author_email.len;
	as_buf_put(b, t->c.author_email.ptr, a->email_len);
	a->time = t->c.author_time;
	r->which[i] = (unsigned char)t->id;
	return 0;
}

/* A reader's share of a round, a few commits at a time: the readers end
 * together however the commits' sizes fall. */
static void *reader_run(void *arg)
{
	reader_t *t = arg;
	enum { TAKE = 32 };
	for (size_t i; !t->err && (i = atomic_fetch_add(&t->r->next, TAKE)) < t->r->n;)
		for (size_t end = i + TAKE < t->r->n ? i + TAKE : t->r->n; i < end && !t->err; i++)
			t->err = read_author(t, i);
	return NULL;
}

static void add_author(as_identities *ids, const as_mailmap *mm, const char *raw_name,
		       size_t raw_name_len, const char *raw_email, size_t raw_email_len,
		       int64_t time)
{
	const char *name = raw_name, *email = raw_email;
	size_t name_len = raw_name_len, email_len = raw_email_len;
	if (mm)
		as_mailmap_map(mm, &name, &name_len, &email, &email_len);
	as_identities_add(ids, raw_name, raw_name_len, raw_email, raw_email_len,
			  name, name_len, email, email_len, time);
}

/* The next round of the walk into r; 0, or an error (AS_ENOTFOUND: the
 * walk is over, r holds its last commits). */
static int walk_round(as_walk *walk, round_t *r)
{
	as_raw obj;
	int err = 0;
	for (r->n = 0; r->n < ROUND; r->n++) {
		if ((err = as_walk_next_lazy(walk, &r->oids[r->n], &obj)) != 0)
			break;
		as_raw_free(&obj);
	}
	atomic_store(&r->next, 0);
	return err;
}

/*
 * A walk that reads no commit itself (a commit-graph orders it): the
 * authors are read by `nreaders` threads, a round of commits at a time,
 * and added in the walk's order. While the other readers start on a
 * round, this thread walks the next one, then reads with them.
 */
static int collect_parallel(as_identities *ids, as_walk *walk, const as_mailmap *mm,
			    size_t nreaders, const as_commit_visitor *v)
{
	round_t *r = as_xcalloc(1, sizeof(*r)), *next = as_xcalloc(1, sizeof(*next));
	reader_t t[MAX_READERS];
	int err = 0, walked;
	git_repository *repo = as_walk_repository(walk);
	for (size_t k = 0; k < nreaders; k++) {
		t[k] = (reader_t){ .r = r, .visitor = v, .id = k,
				   .reader = as_objects_reader_new(as_repo_objects(repo)) };
		as_commit_init(&t[k].c);
		if (!err && git_repository_odb(&t[k].odb, repo) < 0)
			err = as_error_git(AS_EINTERNAL, "cannot open the object database");
	}
	walked = err ? err : walk_round(walk, r);
	if (walked != AS_ENOTFOUND && walked < 0)
		err = walked;
	while (!err && r->n) {
		/* the pages of the packs read in the last round: back to the
		 * kernel (pipeline.c does the same while it judges) */
		if (as_repo_objects(repo))
			as_objects_trim(as_repo_objects(repo));
		pthread_t th[MAX_READERS];
		int started[MAX_READERS] = { 0 };
		for (size_t k = 0; k < nreaders; k++) {
			as_buf_clear(&r->text[k]);
			t[k].r = r;
		}
		for (size_t k = 1; k < nreaders; k++)
			started[k] = pthread_create(&th[k], NULL, reader_run, &t[k]) == 0;
		next->n = 0;
		if (!walked) {
			walked = walk_round(walk, next);
			if (walked != AS_ENOTFOUND && walked < 0)
				err = walked;
		}
		for (size_t k = 0; k < nreaders; k++)
			if (!k || !started[k])
				reader_run(&t[k]); /* this thread's share, or one that did not start */
		for (size_t k = 1; k < nreaders; k++)
			if (started[k])
				pthread_join(th[k], NULL);
		for (size_t k = 0; k < nreaders && !err; k++)
			err = t[k].err;
		for (size_t i = 0; i < r->n && !err; i++) {
			const author *a = &r->authors[i];
			const char *text = r->text[r->which[i]].ptr;
			add_author(ids, mm, text + a->name, a->name_len, text + a->email,
				   a->email_len, a->time);
		}
		round_t *done = r;
		r = next;
		next = done;
	}
	for (size_t k = 0; k < nreaders; k++) {
		as_commit_free(&t[k].c);
		as_objects_reader_free(t[k].reader);
		git_odb_free(t[k].odb);
		as_buf_free(&r->text[k]);
		as_buf_free(&next->text[k]);
	}
	free(r);
	free(next);
	return err;
}

int as_identities_collect(as_identities *ids, as_walk *walk, const as_mailmap *mm,
			  int jobs, const as_commit_visitor *v)
{
	as_commit c;
	git_oid oid;
	as_raw obj;
	int err;

	as_walk_headers_only(walk);
	/* read ahead (commit_table.h): the authors are known already */
	const as_commit_table *table = as_walk_table(walk);
	if (jobs > 1 && !table && !as_walk_reads_commits(walk) && as_walk_repository(walk))
		return collect_parallel(ids, walk, mm, jobs > MAX_READERS ? MAX_READERS : (size_t)jobs,
					v);
	as_commit_init(&c);
	as_objects *objects = as_walk_repository(walk) ? as_repo_objects(as_walk_repository(walk))
						       : NULL;
	for (size_t n = 1; (err = as_walk_next_lazy(walk, &oid, &obj)) == 0; n++) {
		as_commit_row row;
		if (table && as_walk_table_row(walk, &row)) {
			as_raw_free(&obj);
			add_author(ids, mm, row.author_name, row.author_name_len, row.author_email,
				   row.author_email_len, row.author_time);
			continue;
		}
		if (objects && n % ROUND == 0)
			as_objects_trim(objects);
		if (v && obj.data && !obj.whole)
			as_raw_free(&obj);   /* (the visitor reads all of it) */
		if (!obj.data && (err = v ? as_walk_read_commit(walk, &oid, &obj)
					  : as_walk_read_header(walk, &oid, &obj)) < 0)
			break;
		err = as_commit_parse_author(&c, &oid, (const char *)obj.data, obj.len);
		if (!err && v)
			v->visit(v->data, 0, &oid, (const char *)obj.data, obj.len);
		as_raw_free(&obj);
		if (err < 0)
			break;
		add_author(ids, mm, c.author_name.ptr, c.author_name.len, c.author_email.ptr,
			   c.author_email.len, c.author_time);
	}
	as_commit_free(&c);
	return err == AS_ENOTFOUND ? 0 : err;
}

/* ---- normalised names --------------------------------------------------- */

/*
 * Latin letters without their accents, as Unicode's compatibility
 * decomposition (NFKD) takes them off, lowercase: U+00C0..U+00FF, NULL
 * where a letter has no decomposition (Æ Ð Ø Þ ß, × ÷), which is then
 * only lowercased; and U+0100..U+017F, one letter each, '.' where there
 * is no decomposition (Đ Ħ ı ĸ Ł ŉ Ŋ Œ Ŧ) and '1' for the ligature Ĳ, which
 * NFKD makes "ij". So "José Núñez" is "jose nunez", while "Sarı" (a
 * dotless i, a letter of its own) is not "sari": what most tools that
 * compare names this way do.
 */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", NULL, "c", "e", "e", "e", "e", "i", "i", "i", "i",
	NULL, "n", "o", "o", "o", "o", "o", NULL, NULL, "u", "u", "u", "u", "y", NULL, NULL,
	"a", "a", "a", "a", "a", "a", NULL, "c", "e", "e", "e", "e", "i", "i", "i", "i",
	NULL, "n", "o", "o", "o", "o", "o", NULL, NULL, "u", "u", "u", "u", "y", NULL, "y",
};
static const char latin_ext_a[129] =
	"aaaaaa" "cccccccc" "dd.." "eeeeeeeeee" "gggggggg" "hh.." "iiiiiiiii."
	"11" "jj" "kk." "llllllll.." "nnnnnn..." "oooooo" ".." "rrrrrr" "ssssssss"
	"tttt.." "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

/* The lowercase of a letter kept as it is. */
static uint32_t lower_kept(uint32_t cp)
{
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 0x20;
	switch (cp) {
	case 0x110: case 0x126: case 0x141: case 0x14A: case 0x152: case 0x166:
		return cp + 1;
	}
	return cp;
}

/* Decodes one UTF-8 character at s (n bytes left); returns its length, or
 * 0 for a byte that starts no valid character. */
static size_t utf8_char(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] < 0xE0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] >= 0xE0 && s[0] < 0xF0 && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return *cp >= 0x800 && (*cp < 0xD800 || *cp > 0xDFFF) ? 3 : 0;
	}
	if (s[0] >= 0xF0 && s[0] <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
		      (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
		return *cp >= 0x10000 && *cp <= 0x10FFFF ? 4 : 0;
	}
	return 0;
}

void as_identities_normalise_name(as_buf *out, const char *name, size_t len)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t start = out->len;
	int space = 0;

	as_buf_put(out, "", 0);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_char(s + i, len - i, &cp);
		/* a byte that starts no character is U+FFFD, as text is shown:
		 * the form is then valid UTF-8, and normalising it again gives
		 * it back (kept raw, such bytes could join into a letter once
		 * an accent between them is gone) */
		if (!n) {
			cp = 0xFFFD;
			n = 1;
		}
		i += n;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
			space = out->len > start;
			continue;
		}
		if (cp >= 0x300 && cp < 0x370)
			continue; /* a combining accent of a decomposed letter */
		if (space)
			as_buf_putc(out, ' ');
		space = 0;
		if (cp >= 'A' && cp <= 'Z')
			as_buf_putc(out, (char)(cp + 32));
		else if (cp >= 0xC0 && cp < 0x100 && latin1[cp - 0xC0])
			as_buf_puts(out, latin1[cp - 0xC0]);
		else if (cp >= 0x100 && cp < 0x180 && latin_ext_a[cp - 0x100] == '1')
			as_buf_puts(out, "ij");
		else if (cp >= 0x100 && cp < 0x180 && latin_ext_a[cp - 0x100] != '.')
			as_buf_putc(out, latin_ext_a[cp - 0x100]);
		else if (cp >= 0xC0 && cp < 0x180)
			as_buf_put_utf8(out, lower_kept(cp));
		else if (cp >= 0x218 && cp < 0x21C)
			as_buf_putc(out, cp < 0x21A ? 's' : 't'); /* Romanian Ș ș Ț ț */
		else if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp < 0x430))
			as_buf_put_utf8(out, cp + 0x20); /* Greek and Cyrillic capitals */
		else if (cp >= 0x400 && cp < 0x410)
			as_buf_put_utf8(out, cp + 0x50);
		else
			as_buf_put_utf8(out, cp);
	}
}

/* Names and e-mails that many unrelated people share: they join nobody. */
static const char *const placeholder_names[] = {
	"root", "unknown", "admin", "administrator", "user", "nobody", "anonymous",
	"none", "ubuntu", "localhost", "(no author)", "no author", "your name",
};
static const char *const placeholder_emails[] = {
	"you@example.com", "user@example.com", "noreply@github.com", "none@none",
	"root@localhost", "(none)",
};

static int in_list(const char *s, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && !strncasecmp(list[i], s, len))
			return 1;
	return 0;
}

/* ---- grouping ------------------------------------------------------------ */

typedef struct {
	uint32_t *parent;
	int *person;             /* [root] */
} groups;

static uint32_t find(groups *g, uint32_t x)
{
	while (g->parent[x] != x) {
		g->parent[x] = g->parent[g->parent[x]];
		x = g->parent[x];
	}
	return x;
}

/* Joins the groups of a and b unless the org chart says they are two
 * people. The smaller root stays, so the result does not depend on the
 * order of the arguments. */
static void join(groups *g, uint32_t a, uint32_t b)
{
	uint32_t ra = find(g, a), rb = find(g, b);
	if (ra == rb)
		return;
	int pa = g->person[ra], pb = g->person[rb];
	if (pa >= 0 && pb >= 0 && pa != pb)
		return;
	uint32_t keep = ra < rb ? ra : rb, gone = ra < rb ? rb : ra;
	g->parent[gone] = keep;
	g->person[keep] = pa >= 0 ? pa : pb;
}

/* Joins every entry to the first that has the same key (first[key]). */
static void join_by(groups *g, uint32_t *first, uint32_t key, uint32_t e)
{
	if (first[key] == UINT32_MAX)
		first[key] = e;
	else
		join(g, first[key], e);
}

static uint32_t *new_firsts(size_t n)
{
	uint32_t *f = as_xmalloc((n + 1) * sizeof(*f));
	for (size_t i = 0; i <= n; i++)
		f[i] = UINT32_MAX;
	return f;
}

/* The entries sorted by their text, so that grouping does not depend on
 * the order in which the walk met them. */
static int cmp_entry(const void *a, const void *b, void *tab)
{
	return strcmp(as_strtab_str(tab, *(const uint32_t *)a),
		      as_strtab_str(tab, *(const uint32_t *)b));
}

/* Is entry a a better name for its developer than entry b? */
static int better(const as_identities *ids, uint32_t a, uint32_t b)
{
	if (ids->entries[a].commits != ids->entries[b].commits)
		return ids->entries[a].commits > ids->entries[b].commits;
	return strcmp(as_strtab_str(&ids->idents, a), as_strtab_str(&ids->idents, b)) < 0;
}

/* Registers `key` of developer `dev` in an index; a key of two developers
 * resolves to none. */
static void index_key(as_strtab *t, int64_t **devs, const char *key, size_t len, uint32_t dev)
{
	size_t before = t->nr;
	uint32_t k = as_strtab_intern(t, key, len);
	if (t->nr > before) {
		*devs = as_xrealloc(*devs, t->nr * sizeof(**devs));
		(*devs)[k] = dev;
	} else if ((*devs)[k] != (int64_t)dev) {
		(*devs)[k] = -1;
	}
}

void as_identities_finish(as_identities *ids, as_identities_person_fn person_of,
			  const void *data)
{
	size_t n = ids->idents.nr;
	groups g = { as_xmalloc((n + 1) * sizeof(uint32_t)), as_xmalloc((n + 1) * sizeof(int)) };
	uint32_t *order = as_xmalloc((n + 1) * sizeof(*order));
	as_strtab emails = { .fold = 1 }, names = { 0 };
	as_buf norm = AS_BUF_INIT;

	for (uint32_t e = 0; e < n; e++) {
		g.parent[e] = e;
		order[e] = e;
		ids->entries[e].person = person_of
			? person_of(data, as_strtab_str(&ids->idents, e), ids->idents.len[e]) : -1;
		g.person[e] = ids->entries[e].person;
	}
	qsort_r(order, n, sizeof(*order), cmp_entry, &ids->idents);

	/* 1. one person of the org chart, 2. one e-mail, 3. one name. */
	size_t npersons = 0;
	for (uint32_t e = 0; e < n; e++)
		if (ids->entries[e].person >= 0 && (size_t)ids->entries[e].person >= npersons)
			npersons = (size_t)ids->entries[e].person + 1;
	uint32_t *first = new_firsts(npersons);
	for (size_t i = 0; i < n; i++) {
		uint32_t e = order[i];
		if (ids->entries[e].person >= 0)
			join_by(&g, first, (uint32_t)ids->entries[e].person, e);
	}
	free(first);
	first = new_firsts(n);
	for (size_t i = 0; i < n; i++) {
		uint32_t e = order[i];
		const entry *en = &ids->entries[e];
		const char *email = as_strtab_str(&ids->idents, e) + en->email_off;
		if (!en->email_len || !memchr(email, '@', en->email_len) ||
		    in_list(email, en->email_len, placeholder_emails,
			    sizeof(placeholder_emails) / sizeof(*placeholder_emails)))
			continue;
		join_by(&g, first, as_strtab_intern(&emails, email, en->email_len), e);
	}
	free(first);
	first = new_firsts(n);
	for (size_t i = 0; i < n; i++) {
		uint32_t e = order[i];
		as_buf_clear(&norm);
		as_identities_normalise_name(&norm, as_strtab_str(&ids->idents, e),
					     ids->entries[e].name_len);
		if (!norm.len || in_list(norm.ptr, norm.len, placeholder_names,
					 sizeof(placeholder_names) / sizeof(*placeholder_names)))
			continue;
		join_by(&g, first, as_strtab_intern(&names, norm.ptr, norm.len), e);
	}
	free(first);
	as_strtab_free(&emails);
	as_strtab_free(&names);

	/* Developers numbered in the order of their best identity's text. */
	ids->dev_of = as_xmalloc((n + 1) * sizeof(*ids->dev_of));
	ids->name_of = as_xmalloc((n + 1) * sizeof(*ids->name_of));
	ids->person_of = as_xmalloc((n + 1) * sizeof(*ids->person_of));
	uint32_t *best = as_xmalloc((n + 1) * sizeof(*best));
	for (uint32_t e = 0; e < n; e++)
		best[e] = UINT32_MAX;
	for (uint32_t e = 0; e < n; e++) {
		uint32_t r = find(&g, e);
		if (best[r] == UINT32_MAX || better(ids, e, best[r]))
			best[r] = e;
	}
	uint32_t *dev_of_root = as_xmalloc((n + 1) * sizeof(*dev_of_root));
	for (size_t i = 0; i < n; i++) {
		uint32_t e = order[i], r = find(&g, e);
		if (best[r] != e)
			continue;
		dev_of_root[r] = (uint32_t)ids->ndevs;
		ids->name_of[ids->ndevs] = e;
		ids->person_of[ids->ndevs++] = g.person[r];
	}
	for (uint32_t e = 0; e < n; e++)
		ids->dev_of[e] = dev_of_root[find(&g, e)];

	/* The indexes that find the developer of an identity never seen. */
	for (size_t i = 0; i < n; i++) {
		uint32_t e = order[i];
		const entry *en = &ids->entries[e];
		const char *text = as_strtab_str(&ids->idents, e);
		if (en->email_len)
			index_key(&ids->emails, &ids->email_dev, text + en->email_off,
				  en->email_len, ids->dev_of[e]);
		as_buf_clear(&norm);
		as_identities_normalise_name(&norm, text, en->name_len);
		if (norm.len)
			index_key(&ids->names, &ids->name_dev, norm.ptr, norm.len, ids->dev_of[e]);
	}
	as_buf_free(&norm);
	free(dev_of_root);
	free(best);
	free(order);
	free(g.parent);
	free(g.person);
}

int64_t as_identities_find(const as_identities *ids, const char *name, size_t name_len,
			   const char *email, size_t email_len)
{
	if (!ids || !ids->dev_of)
		return -1;
	as_buf b = AS_BUF_INIT;
	ident_text(&b, name, name_len, email, email_len);
	int64_t e = as_strtab_find(&ids->idents, b.ptr, b.len), dev = -1;
	if (e >= 0)
		dev = ids->dev_of[e];
	if (dev < 0 && email_len) {
		int64_t k = as_strtab_find(&ids->emails, email, email_len);
		if (k >= 0)
			dev = ids->email_dev[k];
	}
	if (dev < 0 && name_len) {
		as_buf_clear(&b);
		as_identities_normalise_name(&b, name, name_len);
		int64_t k = b.len ? as_strtab_find(&ids->names, b.ptr, b.len) : -1;
		if (k >= 0)
			dev = ids->name_dev[k];
	}
	as_buf_free(&b);
	return dev;
}

size_t as_identities_count(const as_identities *ids)
{
	return ids ? ids->ndevs : 0;
}

const char *as_identities_name(const as_identities *ids, size_t dev)
{
	return as_strtab_str(&ids->idents, ids->name_of[dev]);
}

int as_identities_person(const as_identities *ids, size_t dev)
{
	return ids->person_of[dev];
}

size_t as_identities_nentries(const as_identities *ids)
{
	return ids ? ids->idents.nr : 0;
}

void as_identities_entry(const as_identities *ids, size_t e, as_identity *out)
{
	const entry *en = &ids->entries[e];
	const char *text = as_strtab_str(&ids->idents, (uint32_t)e);
	out->name = text;
	out->name_len = en->name_len;
	out->email = text + en->email_off;
	out->email_len = en->email_len;
	out->commits = en->commits;
	out->last = en->last;
	out->dev = ids->dev_of ? ids->dev_of[e] : 0;
}

/* ---- the merges as .mailmap lines ---------------------------------------- */

typedef struct {
	const char *dev_name;
	const char *line;
} mm_line;

static int cmp_line(const void *a, const void *b)
{
	const mm_line *x = a, *y = b;
	int c = strcmp(x->dev_name, y->dev_name);
	return c ? c : strcmp(x->line, y->line);
}

size_t as_identities_mailmap_lines(const as_identities *ids, as_buf *out)
{
	size_t n = 0;
	mm_line *lines = as_xmalloc((ids->raws.nr + 1) * sizeof(*lines));
	as_buf all = AS_BUF_INIT;
	size_t *offs = as_xmalloc((ids->raws.nr + 1) * sizeof(*offs));

	for (uint32_t r = 0; r < ids->raws.nr; r++) {
		uint32_t e = ids->raw_entry[r], dev = ids->dev_of[e];
		if (ids->name_of[dev] == e)
			continue; /* .mailmap (or nothing) already gives its name */
		offs[n] = all.len;
		as_buf_puts(&all, as_identities_name(ids, dev));
		as_buf_putc(&all, ' ');
		as_buf_puts(&all, as_strtab_str(&ids->raws, r));
		as_buf_putc(&all, '\0');
		lines[n++].dev_name = as_identities_name(ids, dev);
	}
	for (size_t i = 0; i < n; i++)
		lines[i].line = all.ptr + offs[i];
	qsort(lines, n, sizeof(*lines), cmp_line);
	for (size_t i = 0; i < n; i++) {
		as_buf_puts(out, lines[i].line);
		as_buf_putc(out, '\n');
	}
	free(offs);
	free(lines);
	as_buf_free(&all);
	return n;
}
