# lexicon/en.lex — the English words of antisilo's directive engine.
#
# The engine (src/detect/directive.h) judges each sentence of a message's
# own prose by a few templates around a party mention — "Alice asked me
# to", "I was told by Alice", "per Alice's request", "Alice had me ...",
# "as Alice asked", "I've asked Bob to" — driven by the classes below.
# The format, and what every class means, is in lexicon/README.md:
# entries are comma separated words or phrases; "word*" is a beginning,
# "-ending" an ending, "form/1" a first-person form; case and accents do
# not matter. A site adds or removes words in a file of its own
# (site_lexicons in rules.ini; "!word" removes one).
language = en

[function]
the, a, an, and, or, but, of, to, in, on, for, with, is, are, was, were, be, been,
this, that, it, we, i, you, he, she, they, my, our, me, us, so, now, not, from, by,
at, as, has, have, had, will, would, should, can, could, do, does, did, just, also,
then, because, after, before, when, which, who, what, there, here, all, some, more

[self]
i, we, i'm, we're, i've, we've, i'd, we'd

[receiver]
me, us, myself, ourselves

[pronoun]
you, he, she, it, they, someone, somebody, everyone, everybody, nobody, anyone,
anybody, no one, who, users, customers, the customer, the user, the client

[my]
my, our

[role]
manager, boss, supervisor, superior, lead, team lead, tech lead, line manager,
direct manager, engineering manager, eng manager, em, new manager, team manager,
people manager, n+1

[role-skip]
skip-level, skip level, skip-level manager, skip level manager, skip, director,
engineering director, vp, vp of engineering, cto, ceo, head of engineering,
manager's manager, grand-boss, grandboss, n+2

[ask]
asked, ask, asks, asking, instructed, instruct, instructs, instructing, ordered,
orders, directed, directs, pinged, begged, urged, urges, pushed, charged,
requested, requests, requesting, commissioned, nudged, pestered

[tell]
told, tells, tell, telling, said, says, say, wrote, messaged, mentioned

[want]
wants, wanted, want, needs, needed, need, expects, expected, expect, expecting,
would like, 'd like, would love, insisted, insists, insisting, insisted on,
requires, required, demanded, demands, demand, asked for, asks for, requested,
is pushing for, pushed for, is asking for

[assign]
assigned, assigns, assign, reassigned, reassigns, re assigned, tasked, tasks,
delegated, delegates,
assigning, reassigning, tasking

[place]
put me on, put us on, puts me on, signed me up, signed us up, signs me up,
volunteered, voluntold, roped me in, roped us in, roped me into, roped us into,
drafted, picked me for, picked us for, chose me for, nominated, appointed,
put me in charge, put us in charge, made me responsible, made us responsible,
moved me to, moved us to, staffed

[cause]
had, has, having, made, makes, making, got, gets, getting

[hand-off]
handed, hands, handing, hand, handed off, handed over, passed, passes, passing,
dumped, offloaded, off-loaded, transferred, handing over, handing off, passed on,
passing on, reallocated, reallocating

[approve]
approved, approves, approve, okayed, okays, okay'd, ok'd, oked,
signed off on, signs off on, green-lit, greenlit, green-lighted, greenlighted,
sanctioned, authorized, authorised, blessed, agreed, agrees, agreed to,
accepted, gave the nod, nodded through, said yes, is fine with,
was fine with, is ok with, was ok with, is okay with, was okay with

[give]
gave, given, give, gives, giving

[get]
got, received, receive, obtained, have, had, secured

[cleared-with]
cleared with, cleared this with, cleared it with, checked with, signed off with,
agreed with, aligned with, confirmed with, ran it by, ran this by, run by,
okayed with, okayed it with, okayed this with, ok'd with, ok'd it with, ok'ed with, squared it with, squared this with, squared with, ran it past, ran this past, run past

[request-noun]
request, ask, orders, order, instructions, instruction, direction, directive,
behest, insistence, wish, wishes, demand, demands, mandate, assignment, task

[approval-noun]
approval, sign-off, signoff, sign off, blessing, go-ahead, go ahead, green light,
greenlight, thumbs up, thumbs-up, ok, okay, nod, permission, consent, say-so,
approval stamp

[work-noun]
ticket, tickets, task, tasks, bug, bugs, issue, issues, story, stories, card,
cards, epic, epics, job, work, project, projects, chore, chores, assignment,
feature, migration, guide, fix, refactor, cleanup, rewrite, upgrade, port,
incident, backlog, pager, rotation,
this one, that one

[agent]
by

[of]
of, from

[with]
with

[as]
as, like

[according]
according to, as per, per

[must]
should, must, have to, has to, need to, needs to, supposed to, got to, gotta,
am to, are to, is to, shall, ought to

[may]
can, may, could, are allowed to, am allowed to, were allowed to, are free to,
are good to, good to go

[to]
to

[that]
that

[deadline]
by, before, until, till, no later than, ahead of, in time for

[done]
done, fixed, finished, ready, shipped, live, merged, gone, out, deployed,
landed, removed, implemented, sorted, back

[object]
this, that, it, these, those, them

[preposition]
to, for, with, from, about, at, on, in, into, like, than, of, by, without, via,
towards, toward, against, between, among, per, through, under, over, after,
before, behind, beside, besides, thanks, cc, ping

[article]
the, a, an

[aux]
has, have, had, 's, just, also, then, now, already, originally, specifically,
explicitly, kindly, finally, eventually, recently, yesterday, today, again,
really, actually, basically, formally, officially, once, first, personally,
is, was, were, been, am, are, be, being, would, will, did, does, do, 've, 'd

[passive]
was, were, been, being, got, get, gets, getting, is, are, am, be

[dative]

[negation]
not, 't, never, no, nobody, no one, neither, nor, without, none, nothing, hardly,
wasn't, didn't, hasn't, haven't, won't, isn't, aren't, can't, cannot, couldn't, don't,
doesn't, weren't

[hypothetical]
if, whether, unless, whenever, in case, should, would, supposing, suppose, once, wherever,
waiting for, wait for, awaiting, pending, still need, still needs,
waiting on, wait on, still waiting, yet to get, yet to hear

[topic]
whether, about, if, why, how, what, when, which, who, where, regarding

[review]
review, re-review, rereview, reviewer, reviewers, split,
squash, rebase, reword, rephrase, clarify, resend, re-send, reroll, re-roll,
test, cc, sign, double-check, doublecheck, proofread, comment

# looking at: feedback with a change-noun next to it, a task without
[look]
look at, take a look, have a look, took a look, had a look

# what a review reads
[change-noun]
patch, patches, pr, prs, pull request, pull requests, merge request, merge requests, mr, mrs, diff, diffs, change, changes, changeset, commit, commits, series, code, branch, draft, wording, rfc

[infinitive]

[subjunctive]

# insisting (also in [want]): a directive only on the author's doing,
# an obligation, a deadline or a "done", never an opinion
[insist]
insisted, insists, insisting, insisted on

# third-person objects: the person named just before (a hand-off)
[third]
him, her

[not-directive]
wanted to know, wants to know, want to know, wanted to see, asked to see,
changes requested, changes were requested, requested changes, requested review,
review requested, requested a review, requested reviews, asked for review,
asked for a review, asked for reviews, signed off by, signed-off-by, sign off by,
made me aware, made us aware, make sure, made sure, makes sure, let me know,
let us know, lets me know, let them know, had me confused, has me confused, have me confused, has me thinking,
had me thinking, has me wondering, got me thinking,
made me think, made me wonder, got me curious, asked around, need not, want not,
told me about, told us about, asked about, asked me about, asked us about,
ask me anything, have a look, had a look, having a look, get rid of, got rid of,
a hand, a helping hand, a hand with

[specifier]
specifically, in particular, personally, herself, himself, directly, explicitly, no less, of all people

[come]
came, comes, has come

[gerund]
-ing

[participle]
-ed, -en, -wn, -ne

[take-over]
takes over, is taking over, will take over, 'll take over, is taking on, will take on, is now responsible for, is now in charge of

[you]
you
