/*
 * Raw commit objects (source/commit.c) and, through them, the trailers
 * and the .mailmap lookup. The input is the object's bytes, as
 * git_odb_read gives them: anyone who can push writes them.
 *
 * Invariants: every text field is a C string of its own length (git
 * reads the object as a C string); the subject is one line; the graph
 * part agrees with as_commit_parse_graph; parsing into a reused as_commit
 * (what the walk does for every commit) gives what a fresh one gives.
 */
#include "fuzz.h"

#include <string.h>

#include "source/commit.h"
#include "source/mailmap.h"

static const char mailmap_text[] =
	"Alice Liddell <alice@example.com>\n"
	"<bob@example.com> <bob@old.example.com>\n"
	"Carol C <carol@example.com> carol <CAROL@OLD>\n"
	"Dave <dave@example.com> Old Dave <dave@old>\n";

/* A commit to parse first, so that the second parse reuses buffers
 * (and an iconv descriptor) of another commit. */
static const char previous[] =
	"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
	"parent 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
	"parent 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
	"author A U Thor <a@example.com> 1700000000 +0000\n"
	"committer C O Mitter <c@example.com> 1700000000 +0000\n"
	"encoding ISO-8859-1\n"
	"\n"
	"Subject \xe9t\xe9 of a longer previous commit\n"
	"\n"
	"Body text that is longer than most.\n"
	"\n"
	"Assigned-by: Someone <s@example.com>\n"
	"Reviewed-by: Other <o@example.com>\n";

static void check_buf(const as_buf *b, const char *what)
{
	AS_FUZZ_CHECK(b->ptr != NULL, "%s: NULL", what);
	AS_FUZZ_CHECK(b->ptr[b->len] == '\0', "%s: not NUL-terminated", what);
	AS_FUZZ_CHECK(strlen(b->ptr) == b->len, "%s: NUL inside (%zu vs %zu)", what,
		      strlen(b->ptr), b->len);
}

static void check_trailers(const as_trailers *t)
{
	for (size_t i = 0; i < t->nr; i++) {
		const as_trailer *it = &t->items[i];
		size_t kl = strlen(it->key);
		AS_FUZZ_CHECK(kl > 0, "trailer %zu: empty key", i);
		AS_FUZZ_CHECK(!strncmp(it->line, it->key, kl) && !strncmp(it->line + kl, ": ", 2) &&
			      !strcmp(it->line + kl + 2, it->value),
			      "trailer %zu: line '%s' is not key '%s' + value '%s'", i,
			      it->line, it->key, it->value);
		AS_FUZZ_CHECK(!strchr(it->line, '\n'), "trailer %zu: newline in '%s'", i, it->line);
	}
}

static void check_commit(const as_commit *c)
{
	check_buf(&c->author_name, "author_name");
	check_buf(&c->author_email, "author_email");
	check_buf(&c->message, "message");
	check_buf(&c->subject, "subject");
	check_buf(&c->body, "body");
	check_buf(&c->encoding, "encoding");
	AS_FUZZ_CHECK(!strchr(c->subject.ptr, '\n'), "subject has a newline");
	AS_FUZZ_CHECK(c->author_time >= 0 && c->commit_time >= 0, "negative time");
	AS_FUZZ_CHECK(!c->author_bogus || (!c->author_name.len && !c->author_email.len),
		      "bogus author with a name");
	check_trailers(&c->trailers);
}

static int buf_eq(const as_buf *a, const as_buf *b)
{
	return a->len == b->len && !memcmp(a->ptr, b->ptr, a->len);
}

static void check_same(const as_commit *a, const as_commit *b)
{
	AS_FUZZ_CHECK(git_oid_equal(&a->tree, &b->tree), "tree differs");
	AS_FUZZ_CHECK(a->nparents == b->nparents, "parents differ");
	for (size_t i = 0; i < a->nparents; i++)
		AS_FUZZ_CHECK(git_oid_equal(&a->parents[i], &b->parents[i]), "parent %zu", i);
	AS_FUZZ_CHECK(a->author_time == b->author_time, "author_time");
	AS_FUZZ_CHECK(a->commit_time == b->commit_time, "commit_time");
	AS_FUZZ_CHECK(a->author_bogus == b->author_bogus, "author_bogus");
	AS_FUZZ_CHECK(a->raw_encoding == b->raw_encoding, "raw_encoding");
	AS_FUZZ_CHECK(buf_eq(&a->author_name, &b->author_name), "author_name");
	AS_FUZZ_CHECK(buf_eq(&a->author_email, &b->author_email), "author_email");
	AS_FUZZ_CHECK(buf_eq(&a->message, &b->message), "message");
	AS_FUZZ_CHECK(buf_eq(&a->subject, &b->subject), "subject");
	AS_FUZZ_CHECK(buf_eq(&a->body, &b->body), "body");
	AS_FUZZ_CHECK(buf_eq(&a->encoding, &b->encoding), "encoding");
	AS_FUZZ_CHECK(a->trailers.nr == b->trailers.nr, "trailer count %zu vs %zu",
		      a->trailers.nr, b->trailers.nr);
	for (size_t i = 0; i < a->trailers.nr; i++)
		AS_FUZZ_CHECK(!strcmp(a->trailers.items[i].line, b->trailers.items[i].line),
			      "trailer %zu", i);
}

AS_FUZZ_TARGET(commit)
{
	static as_mailmap *mm;
	git_oid oid;
	as_commit fresh, reused, graph;
	as_buf who = AS_BUF_INIT;

	if (!mm) {
		mm = as_mailmap_new();
		as_mailmap_parse(mm, mailmap_text, sizeof(mailmap_text) - 1);
	}
	memset(&oid, 0xab, sizeof(oid));
	as_commit_init(&fresh);
	as_commit_init(&reused);
	as_commit_init(&graph);

	/* size + 0: an object of exactly `size` bytes, so ASan sees any read
	 * past its end */
	int rc = as_commit_parse(&fresh, &oid, (const char *)data, size, mm);
	int rc2 = as_commit_parse_graph(&graph, &oid, (const char *)data, size);
	AS_FUZZ_CHECK((rc < 0) == (rc2 < 0), "parse %d, parse_graph %d", rc, rc2);
	AS_FUZZ_CHECK(as_commit_parse(&reused, &oid, previous, sizeof(previous) - 1, mm) == 0,
		      "the previous commit does not parse");
	int rc3 = as_commit_parse(&reused, &oid, (const char *)data, size, mm);
	AS_FUZZ_CHECK(rc == rc3, "fresh %d, reused %d", rc, rc3);
	if (rc == 0) {
		check_commit(&fresh);
		check_commit(&reused);
		check_same(&fresh, &reused);
		AS_FUZZ_CHECK(git_oid_equal(&fresh.tree, &graph.tree) &&
			      fresh.nparents == graph.nparents &&
			      fresh.commit_time == graph.commit_time, "graph differs");
		as_commit_author(&fresh, &who);
	}
	as_buf_free(&who);
	as_commit_free(&fresh);
	as_commit_free(&reused);
	as_commit_free(&graph);
	return 0;
}
