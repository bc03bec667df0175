/*
 * test-tool regions [FILE]: the regions of one message (stdin), one line
 * each: the region's kind, a tab, its text with newlines shown as "\n".
 * Then the model's facts, when there are any: "trailers START END",
 * "cherry-pick HEX", "revert", "gitlab-merge".
 */
#include "message_tool.h"

#include <stdio.h>

#include "config/config.h"
#include "detect/directive.h"
#include "source/message.h"
#include "util/error.h"
#include "util/buf.h"

int cmd__regions(int argc, char **argv)
{
	FILE *f = stdin;
	as_buf msg = AS_BUF_INIT;
	as_message m;
	char chunk[65536];
	size_t r;

	if (argc > 2) {
		fprintf(stderr, "usage: test-tool regions [FILE]\n");
		return 2;
	}
	if (argc == 2 && !(f = fopen(argv[1], "rb"))) {
		perror(argv[1]);
		return 2;
	}
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		as_buf_put(&msg, chunk, r);
	if (f != stdin)
		fclose(f);
	as_message_init(&m);
	as_message_parse(&m, as_buf_cstr(&msg), msg.len);
	for (size_t i = 0; i < m.nr; i++) {
		printf("%s\t", as_region_names[m.items[i].kind]);
		for (size_t k = m.items[i].start; k < m.items[i].end; k++) {
			if (msg.ptr[k] == '\n')
				fputs("\\n", stdout);
			else
				putchar(msg.ptr[k]);
		}
		putchar('\n');
	}
	if (m.trailer_start < m.trailer_end)
		printf("trailers %zu %zu\n", m.trailer_start, m.trailer_end);
	if (m.cherry_from[0])
		printf("cherry-pick %s\n", m.cherry_from);
	if (m.revert)
		printf("revert\n");
	if (m.gitlab_merge)
		printf("gitlab-merge\n");
	as_message_free(&m);
	as_buf_free(&msg);
	return 0;
}

/*
 * test-tool directives RULES [FILE]: what the directive engine sees in
 * each subject and prose region of one message (stdin) under RULES: the
 * sentences with their languages and units (text, classes, mention), then
 * the directives found ("assign named alice strict active: Alice + assigned + me").
 */
int cmd__directives(int argc, char **argv)
{
	as_config cfg;
	FILE *f = stdin;
	as_buf msg = AS_BUF_INIT;
	char chunk[65536];
	size_t r;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: test-tool directives RULES [FILE]\n");
		return 2;
	}
	if (as_config_load(&cfg, argv[1]) < 0) {
		fprintf(stderr, "test-tool: %s\n", as_error_msg());
		return 2;
	}
	if (argc == 3 && !(f = fopen(argv[2], "rb"))) {
		perror(argv[2]);
		return 2;
	}
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		as_buf_put(&msg, chunk, r);
	if (f != stdin)
		fclose(f);
	as_directive_engine *e = as_directive_engine_new(&cfg);
	as_directive_scratch s;
	as_message m;
	as_directive_scratch_init(&s);
	as_message_init(&m);
	as_message_parse(&m, as_buf_cstr(&msg), msg.len);
	for (size_t i = 0; i < m.nr; i++) {
		const as_region *rg = &m.items[i];
		if (rg->kind != AS_REGION_SUBJECT && rg->kind != AS_REGION_PROSE)
			continue;
		const char *text = msg.ptr + rg->start;
		size_t len = rg->end - rg->start;
		printf("region %s\n", as_region_names[rg->kind]);
		as_directive_begin(&s, -1); /* every region shown, even one seen before */
		as_directive_find(e, &s, text, len, rg->kind);
		const as_units *u = &s.units;
		for (size_t k = 0; k < u->nsentences; k++) {
			const as_sentence *sen = &u->sentences[k];
			printf("  sentence%s langs", sen->question ? " ?" : "");
			for (size_t l = 0; l < cfg.lexicon.nlangs; l++)
				if (sen->langs & (1u << l))
					printf(" %s", cfg.lexicon.langs[l]);
			printf(":");
			for (size_t j = sen->first; j < sen->first + sen->n; j++) {
				const as_unit *un = &u->units[j];
				const as_token *a = &u->tokens.items[un->tok];
				const as_token *b = &u->tokens.items[un->tok + un->ntok - 1];
				printf(" [%.*s", (int)(b->end - a->start), text + a->start);
				if (un->mention >= 0) {
					const as_unit_mention *mm = &u->mentions[un->mention];
					printf(" =%s%s%s", mm->role ? (mm->role == 1 ? "role1" : "role2")
						 : mm->m.person >= 0 ? cfg.org.people[mm->m.person].id : "?",
					       mm->m.poss ? "'s" : "", mm->m.strong ? "" : " weak");
				}
				for (int c = 0; c < AS_LX__COUNT; c++)
					if (un->cls & (1ull << c))
						printf(" %s", as_lex_class_names[c]);
				if (un->self_form)
					printf(" /1");
				printf("]");
			}
			printf("\n");
		}
		for (size_t k = 0; k < s.nfound; k++) {
			const as_directive *d = &s.found[k];
			printf("  => %s %s %s%s %s: %s\n", as_directive_names[d->kind],
			       as_actor_kind_names[d->by],
			       d->by == AS_BY_NAMED ? (d->actor >= 0 ? cfg.org.people[d->actor].id : "?")
			       : d->by == AS_BY_ROLE ? (d->role == 1 ? "role1" : "role2")
			       : (d->subject >= 0 ? cfg.org.people[d->subject].id : "?"),
			       d->strict ? " strict" : "", d->form, d->words);
		}
	}
	as_message_free(&m);
	as_directive_scratch_free(&s);
	as_directive_engine_free(e);
	as_config_free(&cfg);
	as_buf_free(&msg);
	return 0;
}
