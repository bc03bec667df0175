# lexicon/de.lex — the German words of antisilo's directive engine.
# Format and classes: lexicon/README.md. Case and accents do not matter
# ("Jürgen" and "Juergen" are different words, "jurgen" and "Jürgen" not).
language = de
inversion = true
verb_final = true

[function]
der, die, das, und, ist, nicht, ich, wir, mich, mir, uns, hat, haben, habe, wurde,
mit, von, für, auf, zu, dass, ein, eine, einen, auch, noch, bei, den, dem, im, es,
sich, aber, als, wie, wenn, oder, so, nach, aus, um, sind, war, jetzt, schon, vor,
bis, wird, werden, kann, soll, muss, nur, alle, jede, jeder, hier, da, weil, damit

[self]
ich, wir, hab, habe

[receiver]
mich, mir, uns, an mich, an uns, für mich, für uns, von mir, von uns, bei mir

[pronoun]
du, er, sie, ihr, man, jemand, keiner, der kunde, die kundin, die kunden, nutzer,
die nutzer, kunden

[my]
mein, meine, meinem, meinen, meiner, meines, unser, unsere, unserem, unseren,
unserer, unseres

[role]
chef, chefin, vorgesetzter, vorgesetzte, vorgesetzten, teamleiter, teamleiterin,
teamleitung, teamlead, manager, managerin, leiter, leiterin, lead, teamchef,
teamchefin, engineering manager, n+1, direkter vorgesetzter, direkte vorgesetzte

[role-skip]
abteilungsleiter, abteilungsleiterin, abteilungsleitung, bereichsleiter,
bereichsleiterin, bereichsleitung, n+2, cto, direktor, direktorin, vp,
skip-level, geschäftsführer, geschäftsführerin, geschäftsführung, chefs chef

[ask]
gebeten, bat, bittet, bitten, angefordert, forderte an, aufgefordert, forderte, fordert, angewiesen, wies,
weist, beauftragt, beauftragte, beauftragen, aufgetragen, trug, trägt, angeordnet,
ordnete, gedrängt, drängte, drängt, beordert, abkommandiert, instruiert,
angehalten, verpflichtet, gebeten hat, darum gebeten

[tell]
gesagt, sagte, sagt, meinte, meint, gemeint, geschrieben, schrieb, mitgeteilt

[want]
will, wollte, wollen, möchte, möchten, hätte gern, hätte gerne, hätten gern,
wünscht, wünschte, gewünscht, erwartet, erwartete, erwarten, braucht, brauchte,
benötigt, benötigte, verlangt, verlangte, fordert, besteht darauf, bestand darauf,
darauf bestanden, pocht darauf, haben will, haben wollte, sehen will,
wolltest, willst

[assign]
zugewiesen, zugeteilt, neu zugewiesen, umgehängt

[place]
eingeteilt, eingesetzt, gesetzt, drangesetzt, angesetzt, verdonnert, betraut,
eingespannt, abgestellt, eingeplant, nominiert, aufgebrummt, eingetragen,
abgestellt, verplant

[cause]
lassen, ließ, lässt, ließen, machen lassen

[hand-off]
übergeben, übertragen, abgegeben, weitergegeben, zugeschoben, aufs auge gedrückt,
aufgedrückt, aufgehalst, rübergeschoben, überlassen, umgehängt, weitergereicht,
übergebe/1, übertrage/1, delegiere/1, reiche/1, schiebe/1

[approve]
freigegeben, gibt frei, gab frei, genehmigt, genehmigte, abgesegnet, segnete ab,
abgenommen, nahm ab, zugestimmt, stimmte zu, stimmt zu, einverstanden, erlaubt,
erlaubte, abgenickt, nickte ab, autorisiert, akzeptiert, okay gegeben, ok gegeben,
sein ok gegeben, abgezeichnet

[give]
gegeben, gab, gibt, erteilt, erteilte

[get]
bekommen, erhalten, bekam, erhielt, gekriegt

[cleared-with]
rücksprache mit, nach rücksprache mit, abgestimmt mit, abgesprochen mit,
geklärt mit, abgeklärt mit, besprochen und freigegeben mit

[request-noun]
wunsch, bitte, auftrag, anweisung, aufgabe, vorgabe, ansage, weisung, anordnung,
forderung, geheiß, order, befehl, anliegen, vorgaben, anweisungen, aufträge

[approval-noun]
freigabe, genehmigung, segen, grünes licht, grüne licht, go, ok, okay, abnahme,
zustimmung, einverständnis, absegnung, erlaubnis, daumen hoch

[work-noun]
ticket, tickets, aufgabe, aufgaben, bug, bugs, fehler, issue, story, thema,
projekt, migration, leitfaden, umbau, arbeit, aufräumen

[agent]
von, vom, durch, seitens

[of]
von, vom, des, der, seitens

[with]
mit

[as]
wie

[according]
laut, gemäß, zufolge, nach aussage von, nach ansage von

[must]
soll, sollen, sollte, sollten, solle, muss, müssen, musste, mussten, hab zu,
habe zu

[may]
darf, dürfen, durfte, durften, kann, können, konnte, könnten

[to]
zu, um zu

[that]
dass, daß

[deadline]
bis, vor, spätestens, noch vor, bis zum, bis zur, vorm

[done]
erledigt, fertig, haben, gemacht, repariert, behoben, umgesetzt, live, drin,
raus, weg, gelöst, fertiggestellt

[object]
es, dies, dieses, das hier

[preposition]
an, auf, aus, bei, mit, nach, seit, von, vom, zu, zum, zur, für, gegen, ohne, um,
durch, über, unter, vor, hinter, neben, zwischen, wegen, trotz, im, am, ins, ans,
beim, danke an, dank

[article]
der, die, das, den, dem, des, ein, eine, einen, einem, einer

[aux]
hat, habe, hatte, hätte, ist, war, wurde, wird, hab, haben, hatten, sind, waren,
auch, schon, gestern, heute, jetzt, noch, bereits, ausdrücklich, extra, nochmal,
mal, einfach, explizit, gleich, vorhin, persönlich, dann, nämlich, erst,
letzte woche, diese woche, heute morgen, netterweise, freundlicherweise, hin,
vorab, vorher

[passive]
wurde, wurden, worden, bin, ist, sind, war, wird, werde, waren

[dative]

[negation]
nicht, nie, niemals, kein, keine, keinen, keiner, keinem, niemand, ohne, nichts,
keineswegs

[hypothetical]
wenn, ob, falls, sofern, sobald, soweit, im falle, angenommen,
warte auf, warten auf, wartet auf, warte noch auf, warten noch auf,
wartet noch auf, ausstehend, steht noch aus

[topic]
ob, warum, wieso, weshalb, wie, wann, was, wer, über, bezüglich

[review]
review, reviewen, prüfen, gegenlesen, gegenzulesen, testen, zu testen, rebasen,
squashen, aufteilen, aufzuteilen, durchsehen, durchzusehen

# looking at: feedback with a change-noun next to it, a task without
[look]
anschauen, anzuschauen, ansehen, anzusehen, drüberschauen, drüberzuschauen, draufschauen, draufzuschauen

# what a review reads
[change-noun]
patch, patches, pr, prs, merge request, diff, änderung, änderungen, commit, commits, code, branch, entwurf, serie

[infinitive]

[subjunctive]

# insisting (also in [want]): a directive only on the author's doing,
# an obligation, a deadline or a "done", never an opinion
[insist]
besteht darauf, bestand darauf, darauf bestanden, pocht darauf

# third-person objects: the person named just before (a hand-off)
[third]
ihm, ihn, ihr

[not-directive]
wollte wissen, will wissen, wollten wissen, möchte wissen, würde gern wissen,
bescheid gesagt, bescheid geben, bescheid gegeben, gefragt, nachgefragt,
hingewiesen, in ruhe, arbeiten lassen, ruhe lassen, wissen lassen, bewenden lassen, lässt grüßen, darum gebeten zu reviewen, tests bestanden

[take-over]
übernimmt, wird übernehmen, übernehmen wird, kümmert sich um, kümmert sich ab jetzt um, ist ab jetzt zuständig für, ist jetzt zuständig für, ist ab sofort zuständig für

[specifier]
und zwar, nämlich, persönlich, selbst, direkt, explizit, höchstpersönlich, konkret

[come]
kam, kommt, gekommen, ist gekommen

[participle]
-iert

[you]
du, dir, dich

[cleared-after]
abgestimmt, abgesprochen, abgeklärt, geklärt
