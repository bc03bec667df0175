# lexicon/fr.lex — the French words of antisilo's directive engine.
# Format and classes: lexicon/README.md. Case and accents do not matter.
language = fr

[function]
le, la, les, l', un, une, des, du, de, d', et, est, en, que, qu', qui, pour, pas,
ne, n', sur, dans, par, avec, ce, c', il, elle, on, nous, je, j', me, m', a, ai,
au, aux, plus, mais, ou, son, sa, ses, mon, ma, cette, ça, été, être, sont, fait

[self]
je, j', nous, on

[receiver]
me, m', moi, nous, à moi, pour moi, à nous

[pronoun]
tu, il, elle, ils, elles, vous, quelqu'un, le client, la cliente, les clients,
les utilisateurs, l'utilisateur, ils

[my]
mon, ma, mes, notre, nos

[role]
manager, manageuse, responsable, chef, cheffe, chef d'équipe, cheffe d'équipe,
n+1, supérieur, supérieure, supérieur hiérarchique, lead, team lead, boss, patron,
patronne, responsable direct, responsable directe, manager direct

[role-skip]
n+2, directeur, directrice, cto, vp, directeur technique, directrice technique,
skip-level, directeur d'équipe

[ask]
demandé, demandée, demandés, demandées, demande, demandait, demandent, prié,
priée, chargé, chargée, chargés, chargées, ordonné, ordonnée, sollicité,
sollicitée, enjoint, enjointe, missionné, missionnée, mandaté, mandatée, incité,
incitée, poussé, poussée, relancé, relancée, obligé, obligée

[tell]
dit, dis, disait, écrit, a dit, précisé

[want]
veut, voulait, voudrait, voulu, a voulu, veulent, aimerait, aimerais, souhaite, souhaitait,
souhaiterait, exige, exigeait, exigé, exigée, attend, attendait, a besoin,
avait besoin, besoin, insisté, insiste, insistait, tient à, tenait à,
tient à ce, réclame, réclamé, le veut, tient

[assign]
assigné, assignée, assignés, assignées, attribué, attribuée, attribués,
attribuées, affecté, affectée, affectés, affectées, réassigné, réassignée,
réattribué, réattribuée

[place]
désigné, désignée, mis, mise, collé, collée, nommé, nommée, embarqué, embarquée,
bombardé, bombardée, positionné, positionnée, inscrit, inscrite, placé, placée,
greffé, greffée, mis sur, mise sur

[cause]
fait, faire, fais, fit, faisait, a fait

[hand-off]
refilé, refilée, passé, passée, passe, confié, confiée, transmis, transmise, filé,
filée, délégué, déléguée, transféré, transférée, refourgué, refourguée, laissé,
laissée, laisse,
délègue/1, transfère/1, refile/1, file/1, laisse/1

[approve]
validé, validée, validés, approuvé, approuvée, approuvés, autorisé, autorisée,
accepté, acceptée, d'accord, est d'accord, était d'accord, a ok, ont ok, béni, bénie,
donné son accord, donné son feu vert, donné son aval, donné son go, donné le go

[give]
donné, donnée, donne, donnait

[get]
reçu, reçue, obtenu, obtenue, eu

[cleared-with]
vu avec, validé avec, calé avec, aligné avec, convenu avec, arbitré avec,
ok avec, d'accord avec, acté avec

[request-noun]
demande, consigne, consignes, ordre, ordres, instruction, instructions, mission,
tâche, directive, directives, injonction, souhait, volonté, exigence

[approval-noun]
feu vert, aval, accord, validation, bénédiction, go, ok, approbation,
autorisation, blanc-seing, bon pour accord, feu-vert

[work-noun]
ticket, tickets, tâche, tâches, bug, bugs, sujet, dossier, projet, migration,
guide, ménage, chantier, refonte

[agent]
par,
de la part de, de la part d'

[of]
de, d', du, des, de la, de l'

[with]
avec

[as]
comme, ainsi que

[according]
selon, d'après, suivant, conformément à

[must]
dois/1, doit, devons/1, devez, doivent, devais/1, devait, devions/1, faut,
fallait, il faut, ai à/1, avons à/1

[may]
peux/1, peut, pouvons/1, pouvez, pouvait, pouvions/1, pourrions/1, pourra,
a le droit, avons le droit/1, pouvais/1

[to]
de, d', =à

[that]
que, qu', à ce que, pour que, de ce que

[deadline]
avant, pour, d'ici, au plus tard, jusqu'à, jusqu'au

[done]
fait, fini, terminé, prêt, prête, livré, corrigé, réglé, en ligne, en prod

[object]
ça, cela, ceci, le, la, les, l'

[preposition]
=à, au, aux, avec, pour, chez, sur, sous, dans, en, vers, contre, sans, entre,
depuis, pendant, après, grâce à, merci à

[article]
le, la, les, l', un, une, des, du

[aux]
a, ai, as, avons, avez, ont, avait, avais, est, était, déjà, aussi, hier,
aujourd'hui, encore, bien, explicitement, personnellement, finalement, y, en,
ce matin, lui-même, elle-même, justement, formellement

[passive]
été, est, était, suis, sont, fut, ai été, a été, avons été

[dative]
lui, leur

[negation]
ne, n', pas, jamais, personne, rien, aucun, aucune, sans, ni

[hypothetical]
si, s', au cas où, sauf si, à moins que,
attends, attendons, j'attends, en attente de, en attendant, toujours en attente,
en attente du, en attente des, dans l'attente de, dans l'attente du

[topic]
si, s', pourquoi, comment, quand, quoi, à propos, au sujet, concernant,
combien, =où

[review]
relire, relu, relecture, review, revue, tester, rebaser, découper

# looking at: feedback with a change-noun next to it, a task without
[look]
regarder, jeter un oeil, jeter un coup d'oeil

# what a review reads
[change-noun]
patch, patchs, pr, diff, modification, modifications, changement, changements, commit, commits, code, branche, brouillon, série

[infinitive]
-er, -ir, -re, -oir

[subjunctive]

# insisting (also in [want]): a directive only on the author's doing,
# an obligation, a deadline or a "done", never an opinion
[insist]
insisté, insiste, insistait, tient à ce

# third-person objects: the person named just before (a hand-off)
[third]
lui, à lui, à elle

[not-directive]
voulait savoir, veut savoir, voulais savoir, voudrait savoir, mis en copie,
mise en copie, mis au courant, mise au courant, mis à jour, mise à jour,
fait remarquer, fait savoir, fait part, a fait remarquer, a fait savoir,
a fait part, a fait signe, a fait confiance, fait confiance, a fait comprendre, posé une question, tenu au courant,
fait signe, demande de remboursement, demande de fusion, demandes de fusion,
passé en revue, le fait que, du fait que, au fait que, de fait

[take-over]
reprend, reprendra, va reprendre, prend en charge, prendra en charge, va prendre en charge, prend la main sur, s'occupe de, s'occupe désormais, s'occupe dorénavant, s'occupera de, se charge de, se chargera de, récupère

[specifier]
en personne, lui-même, elle-même, directement, précisément, nommément, justement, en l'occurrence

[come]
est venu, est venue, vient, venait, venu, venue

[participle]
-ée, -ées, mis, mise, pris, prise, écrite, décrit, décrite,
construit, construite, signalé, créé, remonté,
rapporté, proposé, développé, codé, ajouté, écrit, fait, lancé, ouvert, lu, vu, reçu,
validé, mergé, relu, testé, trouvé, cassé, corrigé

[you]
tu, toi, te, t'
