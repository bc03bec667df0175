#ifndef AS_DRAFT_H
#define AS_DRAFT_H
/*
 * A drafted org chart and the commented rules.ini it is written as
 * (antisilo init). Whatever the sources hold (names from commits, an HR
 * export, GitHub), the file written loads: every value is one iniparser
 * reads as written (no ';', '#', quote or comma inside a name, no line
 * over 1,022 bytes), every identity belongs to one person (one that
 * another person already claims is left out, and said so in a comment),
 * every manager and team member is a person of the draft.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/org.h"
#include "util/buf.h"

typedef struct {
	char *id;
	char *name;          /* display name, or NULL */
	char *email;         /* primary e-mail, or NULL */
	char **idents;       /* more identities: e-mails, @logins, names */
	size_t nidents, idents_alloc;
	int manager;         /* person index, -1 */
	int64_t left;        /* 0: here */
	uint64_t commits;
	int64_t last;        /* newest commit, 0 when none */
	const char *source;  /* where the person comes from, for the comment */
	size_t dropped;      /* identities another person claims */
} as_draft_person;

typedef struct {
	char *id;
	char *codeowners;    /* "@org/team" or NULL */
	size_t *members;
	size_t nmembers, members_alloc;
	const char *source;
} as_draft_team;

typedef struct {
	as_org index;        /* every identity of the draft, to find people and
			      * to keep any identity to one person */
	as_draft_person *people;
	size_t npeople, people_alloc;
	as_draft_team *teams;
	size_t nteams, teams_alloc;
	as_buf header;       /* comment lines for the top of the file */
} as_draft;

void as_draft_init(as_draft *d);
void as_draft_free(as_draft *d);

/* A new person: an id made from `email` (or `name`) unless `id` is given
 * and free; `name` and `email` are cleaned (a name loses what rules.ini
 * cannot hold; an e-mail that is none is dropped). Returns its index. */
size_t as_draft_add_person(as_draft *d, const char *id, const char *name,
			   const char *email, const char *source);
/* Adds an identity (an e-mail, "@login" or a name); one that is none or
 * that another person has is left out. Returns 1 when added. */
int as_draft_add_identity(as_draft *d, size_t person, const char *ident);
/* The person an identity names, or -1. */
int as_draft_find(const as_draft *d, const char *ident);

/* The team of that id, added when new. */
size_t as_draft_add_team(as_draft *d, const char *id, const char *source);
/* The team whose codeowners handle is `handle` (without case), or -1. */
int as_draft_team_by_handle(const as_draft *d, const char *handle);
void as_draft_add_member(as_draft *d, size_t team, size_t person);

/* The file: the header, [antisilo], [people] (most commits first),
 * [managers], the teams. */
void as_draft_write(const as_draft *d, as_buf *out);

#endif
