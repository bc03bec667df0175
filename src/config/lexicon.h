#ifndef AS_LEXICON_H
#define AS_LEXICON_H
/*
 * The lexicons of the directive engine: per language, the words that
 * make a sentence a top-down directive (asking, telling, wanting,
 * assigning, approving...), the words around them (receivers, roles,
 * agents) and the words that cancel them (negation, hypotheticals,
 * topics, review). They ship as data next to the default rules
 * (lexicon/LANG.lex, rules.ini `lexicons`) and a site adds its own files
 * (`site_lexicons`). The file format is documented in lexicon/README.md
 * and at the top of each shipped file:
 *
 *   # a comment
 *   language = en
 *   inversion = true           (optional) subjects may follow their verb
 *   verb_final = true          (optional) clauses may end in their verb
 *   [ask]                      a class (the names below)
 *   asked, asks, would like    entries: words or phrases, comma separated
 *   instruct*                  a word beginning ('*' ends a single word)
 *   -ara                       a word ending (a single word)
 *   pedí/1                     a first-person form: the author is its subject
 *   =à                         accents matter: "à" but not "a" (one word)
 *   !told                      (site files) removes an entry of the class
 *
 * Entries are folded (util/fold.h) when loaded: case and accents do not
 * matter, in the file or in messages.
 */
#include <stddef.h>

/* The word classes; the section names of a .lex file are in
 * as_lex_class_names[]. What each means is documented in lexicon/README.md. */
typedef enum {
	AS_LX_FUNCTION,        /* frequent words that tell the language */
	AS_LX_SELF,            /* first-person subjects: I, we, ich, je, yo, eu */
	AS_LX_RECEIVER,        /* first-person objects: me, us, mich, mir, m', nos */
	AS_LX_PRONOUN,         /* other subject pronouns: a clause's subject that is nobody named */
	AS_LX_MY,              /* first-person possessives: my, our, mein, mon, mi, meu */
	AS_LX_ROLE,            /* a direct manager by role: manager, boss, Chef, N+1 */
	AS_LX_ROLE_SKIP,       /* higher up: skip-level, director, VP, N+2 */
	AS_LX_ASK,             /* asking, instructing, charging someone with */
	AS_LX_TELL,            /* telling: a directive only with "to" or "should" after */
	AS_LX_WANT,            /* wanting, needing, expecting, insisting */
	AS_LX_ASSIGN,          /* explicit assignment: assigned, tasked, delegated */
	AS_LX_PLACE,           /* putting someone on work: put me on, volunteered */
	AS_LX_CAUSE,           /* causatives: had me, made me, hat mich ... lassen */
	AS_LX_HANDOFF,         /* handing work over: handed, passed, refilé */
	AS_LX_APPROVE,         /* approving: approved, signed off, freigegeben */
	AS_LX_GIVE,            /* giving (a go-ahead, a task) */
	AS_LX_GET,             /* getting, receiving (a task, a green light) */
	AS_LX_CLEARED,         /* cleared with, vu avec, hablado con */
	AS_LX_REQUEST_NOUN,    /* request, ask, orders, Wunsch, demande, pedido */
	AS_LX_APPROVAL_NOUN,   /* approval, sign-off, green light, Freigabe */
	AS_LX_WORK_NOUN,       /* ticket, task, bug: what is handed over */
	AS_LX_AGENT,           /* by, von, par, por, pelo */
	AS_LX_OF,              /* of, from, de, do, da: a noun's owner */
	AS_LX_WITH,            /* with, mit, avec, con, com */
	AS_LX_AS,              /* as, wie, comme, como: "as Alice asked" */
	AS_LX_ACCORDING,       /* according to, laut, selon, según, segundo */
	AS_LX_MUST,            /* should, must, soll, dois, tengo que, tenho que */
	AS_LX_MAY,             /* can, may, dürfen, pouvait, podemos */
	AS_LX_TO,              /* infinitive markers: to, zu, de, para */
	AS_LX_THAT,            /* that, dass, que */
	AS_LX_DEADLINE,        /* by, before, until, bis, avant, antes, até */
	AS_LX_DONE,            /* done, fixed, erledigt, fait, listo, pronto */
	AS_LX_OBJECT,          /* this, it, das, ça, lo, isso: an object */
	AS_LX_PREPOSITION,     /* prepositions: a name after one is not the subject */
	AS_LX_ARTICLE,         /* articles: "O João", "A Márcia" */
	AS_LX_AUX,             /* auxiliaries and adverbs between a subject and its verb */
	AS_LX_PASSIVE,         /* passive auxiliaries: was, wurde, été, fue, foi */
	AS_LX_DATIVE,          /* dative clitics: "A José le gustaría" */
	AS_LX_NEGATION,        /* not, nicht, ne, pas, no, não, without */
	AS_LX_HYPOTHETICAL,    /* if, unless, wenn, falls, si, se */
	AS_LX_TOPIC,           /* whether, about, ob, si, se: a question, not a task */
	AS_LX_REVIEW,          /* review, split, squash: feedback on the change */
	AS_LX_INFINITIVE,      /* endings of infinitives (wanting to do it oneself) */
	AS_LX_SUBJUNCTIVE,     /* endings of subjunctives (telling someone to) */
	AS_LX_INSIST,          /* insisting: a directive only on the author's doing */
	AS_LX_THIRD,           /* third-person objects: him, her, ihm, lui, le, a ele */
	AS_LX_TAKEOVER,        /* a named person taking work over: takes over, übernimmt */
	AS_LX_SPECIFIER,       /* after a late agent: specifically, en concreto, no caso */
	AS_LX_COME,            /* a noun's source: "the go-ahead came from", "das Go kam von" */
	AS_LX_GERUND,          /* endings of gerunds: a clause with no subject, the author's */
	AS_LX_PARTICIPLE,      /* endings of participles: "the bug reported by Alice" */
	AS_LX_YOU,             /* second person: the one a message's first words address */
	AS_LX_CLEARED_AFTER,   /* German "mit Jürgen abgestimmt": cleared, after its party */
	AS_LX_LOOK,            /* looking at: feedback on a change-noun, else a task */
	AS_LX_CHANGE_NOUN,     /* patch, PR, diff: what a review reads */
	AS_LX_MASK,            /* phrases that are never directives: wanted to know */
	AS_LX__COUNT
} as_lex_class;

extern const char *const as_lex_class_names[AS_LX__COUNT];

enum {
	AS_LXF_PREFIX = 1,      /* "word*": a word beginning */
	AS_LXF_SUFFIX = 2,      /* "-ending": a word ending */
	AS_LXF_SELF = 4,        /* "form/1": a first-person form */
	AS_LXF_REMOVE = 8,      /* "!entry": removes it (a site file) */
	AS_LXF_EXACT = 16,      /* "=à": its accents matter (one word) */
};

/* At most this many languages (a bit each in detection's masks). */
#define AS_LEX_MAX_LANGS 16

typedef struct {
	char *text;             /* folded; words joined by one space */
	char *exact;            /* AS_LXF_EXACT: lower-cased with its accents */
	char *raw;              /* as written, lower-cased with its accents */
	unsigned char cls;      /* as_lex_class */
	unsigned char lang;     /* index into as_lexicon.langs */
	unsigned char flags;    /* AS_LXF_* */
	unsigned char nwords;
} as_lex_entry;

typedef struct {
	char **langs;           /* "en", "de", ... in the order first read */
	size_t nlangs, langs_alloc;
	/* per language: "inversion = true", the subject may follow its verb
	 * ("Me dijo José que", "hat mir Jürgen ... zugewiesen") */
	unsigned char inversion[AS_LEX_MAX_LANGS];
	/* "verb_final = true": a clause may end in its verb, with the agent
	 * before it ("von Jürgen gebeten") */
	unsigned char verb_final[AS_LEX_MAX_LANGS];
	as_lex_entry *entries;  /* removals applied: none has AS_LXF_REMOVE */
	size_t nentries, entries_alloc;
	char **files;           /* the files read */
	size_t nfiles, files_alloc;
} as_lexicon;

/* Entries have at most this many words. */
#define AS_LEX_MAX_WORDS 6

void as_lexicon_init(as_lexicon *lx);
void as_lexicon_free(as_lexicon *lx);

/*
 * Reads one .lex file into lx (adding to what is there; "!entry" removes
 * an entry read before). 0, or AS_ECONFIG "FILE:LINE: what is wrong".
 */
int as_lexicon_load_file(as_lexicon *lx, const char *path);

#endif
