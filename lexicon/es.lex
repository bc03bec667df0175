# lexicon/es.lex — the Spanish words of antisilo's directive engine.
# Format and classes: lexicon/README.md. Case and accents do not matter.
language = es
inversion = true

[function]
el, la, los, las, un, una, de, del, y, que, en, a, al, por, para, con, no, se, lo,
me, nos, es, su, sus, mi, ya, pero, como, más, este, esta, esto, eso, hay, ha, han,
le, les, muy, sin, sobre, también, porque, cuando, hoy, ayer

[self]
yo, nosotros, nosotras, estoy/1, estamos/1

[receiver]
me, nos, =mí, conmigo, a nosotros, a nosotras

[pronoun]
=tú, =él, ella, ellos, ellas, usted, ustedes, alguien, el cliente, la clienta,
los clientes, los usuarios, el usuario

[my]
mi, mis, nuestro, nuestra, nuestros, nuestras

[role]
jefe, jefa, responsable, responsable directo, responsable directa, mánager,
manager, gerente, supervisor, supervisora, líder, superior, lead, n+1,
jefe directo, jefa directa, jefe de equipo, jefa de equipo

[role-skip]
director, directora, cto, vp, n+2, jefe de mi jefe, jefa de mi jefa, skip-level

[ask]
pedí/1, pedimos/1, encargué/1, mandé/1, solicité/1, le pedí/1, les pedí/1,
pidió, pidio, pedía, pide, piden, pedido, pidieron, encargó, encargado,
encargada, encomendó, encomendado, encomendada, ordenó, ordenado, mandó, mandado,
solicitó, solicitado, solicitada, indicó, indicado, instruyó, instruido, instruida,
instruidos, instruidas, rogó,
urgió, obligó, obligado, obligada, pidiéndome, encargarme,
pidieron, han pedido, me han pedido, encargaron, mandaron, solicitaron,
pediste, me pediste, encargaste, mandaste

[tell]
dije/1, dijimos/1, le dije/1, dijo, dice, ha dicho, decía, escribió,
dijeron, han dicho,
dijiste

[want]
quiere, quería, querría, quisiera, quiso, ha querido, necesita, necesitaba, espera, esperaba,
exige, exigió, exigía, insistió, insiste, se empeñó, se empeña, gustaría,
gustaría mucho, pretende, cuenta con que

[assign]
asigné/1, reasigné/1, asignó, asignado, asignada, asigna, asignaba, reasignó, reasignado, reasignada,
adjudicó, adjudicado,
asignaron, asigno/1, reasigno/1, asignando, reasignando,
asignaste

[place]
apuntó, apuntado, apuntada, puso, metió, colocó, designó, designado, designada,
nombró, nombrado, nombrada, enchufó, me puso con, me puso a

[cause]
hizo, hace, ha hecho, hacía

[hand-off]
endosó, endosado, endosada, pasó, paso/1, pasé/1, pasaba, traspasó, delegó,
delegado, delegada, cedió, encasquetó, colocó, entregó, entregué/1, dejó, dejado,
encajó,
delego/1, traspaso/1, cedo/1, paso/1, pasando, traspasando, delegando

[approve]
aprobó, aprobado, aprobada, aprueba, autorizó, autorizado, autorizada, validó,
validado, validada, de acuerdo, está de acuerdo, estaba de acuerdo, aceptó,
aceptado, dio el visto bueno, dio luz verde, dio su visto bueno, dio el ok

[give]
dio, dado, da, ha dado, dieron, daba

[get]
recibí/1, recibido, recibimos/1, tengo/1, obtuve/1, conseguí/1

[cleared-with]
hablado con, lo hablé con, acordado con, consultado con, validado con,
alineado con, cuadrado con, visto con, lo vi con, pactado con

[request-noun]
petición, pedido, encargo, orden, órdenes, instrucción, instrucciones, solicitud,
tarea, indicación, indicaciones, misión, directriz, directrices, mandato, deseo

[approval-noun]
visto bueno, luz verde, aprobación, autorización, bendición, conformidad, ok,
okey, aval, beneplácito, permiso

[work-noun]
ticket, tickets, tarea, tareas, bug, bugs, incidencia, proyecto, migración,
guía, limpieza, reescritura

[agent]
por,
por parte de, de parte de

[of]
de, del

[with]
con

[as]
como

[according]
según, de acuerdo con, conforme a

[must]
tengo que/1, tenemos que/1, tenía que/1, teníamos que/1, debo/1, debemos/1,
debía/1, hay que, me toca/1, nos toca/1, tendré que/1

[may]
podemos/1, podíamos/1, puedo/1, podía/1, pueden, podríamos/1

[to]
a, para

[that]
que, en que, a que, de que

[deadline]
para, antes, antes de, antes del, hasta, a más tardar

[done]
listo, lista, hecho, hecha, terminado, terminada, arreglado, publicado,
funcionando

[object]
lo, la, los, las, esto, eso, ello

[preposition]
a, al, con, para, en, sobre, sin, hacia, hasta, desde, entre, tras, gracias a

[article]
el, la, los, las, un, una, unos, unas

[aux]
ha, he, han, había, habían, hemos, ya, también, ayer, hoy, explícitamente,
personalmente, todavía, aún, esta mañana

[passive]
fue, fui, fueron, ha sido, sido, es, era, fuimos

[dative]
le, les

[negation]
no, nunca, nadie, nada, ni, sin, jamás, tampoco

[hypothetical]
si, en caso de, en caso de que, salvo que, a menos que,
espero, esperamos, esperando, a la espera de, en espera de, pendiente de,
estoy esperando, seguimos esperando,
pendiente del, pendientes de, a la espera del, en espera del

[topic]
si, por qué, cómo, cuándo, sobre, acerca de

[review]
revisar, revisión, revise, revisara, review, probar

# looking at: feedback with a change-noun next to it, a task without
[look]
mirar, echar un vistazo, echarle un vistazo

# what a review reads
[change-noun]
parche, parches, pr, diff, cambio, cambios, commit, commits, código, rama, borrador

[infinitive]
-ar, -er, -ir, -arlo, -erlo, -irlo, -arla, -erla, -irla, -arlos, -arlas, -erlos,
-irlos, -arse, -erse, -irse

[subjunctive]
-ara, -aras, -áramos, -aran, -iera, -ieras, -iéramos, -ieran, -ase, -ases,
-ásemos, -asen, -iese, -ieses, -iésemos, -iesen

# insisting (also in [want]): a directive only on the author's doing,
# an obligation, a deadline or a "done", never an opinion
[insist]
insistió, insiste, insistía, se empeñó, se empeña

# third-person objects: the person named just before (a hand-off)
[third]
le, a él, a ella

[not-directive]
quería saber, quiere saber, quisiera saber, me avisó, nos avisó, me contó,
nos contó, pedía memoria, hizo caso, hizo ver, hizo saber, hizo notar, hizo un favor,
hizo gracia, hizo pensar, ha hecho ver, ha hecho caso

[take-over]
se hace cargo, se hará cargo, se encarga, se encargará, se ocupa, se ocupará, asume, asumirá, se queda con, llevará

[specifier]
en concreto, concretamente, en particular, en persona, personalmente, directamente, para ser exactos, mismo, misma

[come]
vino, viene, ha venido

[gerund]
-ando, -iendo

[participle]
-ado, -ada, -ados, -adas, -ido, -ida, -idos, -idas, -cho, -cha, -to, -ta

[you]
=tú, te, ti, usted
