# lexicon/pt.lex — the Portuguese words of antisilo's directive engine
# (Brazil and Portugal). Format and classes: lexicon/README.md. Case and
# accents do not matter.
language = pt
inversion = true

[function]
o, a, os, as, um, uma, de, do, da, dos, das, e, que, em, no, na, por, para, pra,
com, não, se, me, =é, foi, seu, sua, meu, minha, já, mas, como, mais, isso, isto,
ele, ela, eu, nós, ao, =à, agora, hoje, ontem, também, porque, quando, está

[self]
eu, nós, a gente, estou/1, estamos/1

[receiver]
me, mim, a mim, comigo, nos, a gente, para mim, pra mim, no meu colo, para nós

[pronoun]
tu, você, ele, ela, eles, elas, vocês, alguém, o cliente, a cliente, os clientes,
os usuários, o usuário

[my]
meu, minha, meus, minhas, nosso, nossa, nossos, nossas, o meu, a minha

[role]
chefe, gestor, gestora, gerente, líder, superior, responsável, coordenador,
coordenadora, manager, lead, chefe direto, chefe direta, gestor direto,
gestora direta, n+1

[role-skip]
diretor, diretora, cto, vp, n+2, chefe do meu chefe, skip-level

[ask]
pedi/1, pedimos/1, solicitei/1, mandei/1, orientei/1, encarreguei/1,
pediu, pedia, pede, pedem, pedido, pediram, solicitou, solicitado, solicitada,
mandou, mandado, orientou, orientado, orientada, encarregou, encarregado,
encarregada, incumbiu, incumbido, incumbida, determinou, ordenou, ordenado,
instruiu, instruído, instruída, instruídos, instruídas, instruíram, cobrou, indicou,
obrigou,
pediram, mandaram, encarregaram, solicitaram,
pediste

[tell]
falei/1, disse, diz, falou, fala, dizia, escreveu,
disseram, falaram

[want]
quer, queria, quis, precisa, precisava, espera, esperava, exige, exigiu,
insistiu, insiste, fez questão, faz questão, gostaria, conta comigo

[assign]
atribuí/1, designei/1, aloquei/1, atribuiu, atribuído, atribuída, atribui, designou, designado, designada,
alocou, alocado, alocada, reatribuiu,
atribuíram, atribuo/1, atribuindo

[place]
escalou, escalado, escalada, colocou, colocado, colocada, botou, botado, pôs,
meteu, incluiu, incluído, indicou

[cause]
fez, faz, fazia

[hand-off]
passou, passando, passo/1, passei/1, repassou, repassei/1, jogou, jogado,
empurrou, entregou, entreguei/1, transferiu, deixou, delegou, delegado,
delegada,
passada, passadas, repassada, repassado, repassadas,
delego/1, transfiro/1, repasso/1, passo/1, repassando, delegando, transferindo

[approve]
aprovou, aprovado, aprovada, aprova, autorizou, autorizado, autorizada, validou,
validado, validada, concordou, concorda, de acordo, está de acordo, liberou,
aceitou, topou, deu o ok, deu ok, deu sinal verde, deu o aval, deu luz verde

[give]
deu, dado, dá, deram, dava

[get]
recebi/1, recebido, recebemos/1, tenho/1, ganhei/1

[cleared-with]
alinhado com, alinhei com, combinado com, combinei com, acertado com,
conversado com, conversei com, validado com, acordado com

[request-noun]
pedido, solicitação, ordem, ordens, orientação, orientações, tarefa, missão,
instrução, instruções, demanda, determinação, vontade

[approval-noun]
aval, sinal verde, luz verde, aprovação, autorização, bênção, benção, de acordo,
ok, okay, consentimento, permissão

[work-noun]
ticket, tickets, tarefa, tarefas, bug, bugs, chamado, projeto, migração, guia,
limpeza, reescrita

[agent]
por, pelo, pela, pelos, pelas,
da parte do, da parte da, por parte do, por parte da

[of]
de, do, da, dos, das

[with]
com

[as]
como, conforme

[according]
segundo, conforme, de acordo com

[must]
tenho que/1, temos que/1, tinha que/1, tínhamos que/1, devo/1, devemos/1,
devia/1, preciso/1, precisamos/1, tenho de/1

[may]
podemos/1, podíamos/1, posso/1, pode, poderíamos/1

[to]
para, pra, de

[that]
que, para que, de que

[deadline]
até, antes, antes de, antes do, antes da, para, pra

[done]
pronto, pronta, feito, feita, terminado, terminada, no ar, corrigido, resolvido

[object]
isso, isto, aquilo, o, a, os, as, lo, la

[preposition]
=à, ao, aos, =às, com, para, pra, em, no, na, nas, sobre, sem, até, desde, entre,
graças a

[article]
o, a, os, as, um, uma, uns, umas

[aux]
tem, têm, tinha, foi, já, também, ontem, hoje, explicitamente, pessoalmente,
ainda, acabou de, hoje de manhã

[passive]
foi, fui, fomos, foram, sido, =é, era

[dative]
lhe, lhes

[negation]
não, nunca, ninguém, nada, nem, sem, jamais, tampouco

[hypothetical]
se, caso, a menos que, salvo se,
aguardando, aguardo, aguardamos, esperando, à espera de, no aguardo de,
pendente de, estou esperando,
à espera do, à espera da, no aguardo do, no aguardo da, pendente do, pendente da

[topic]
se, por que, como, quando, o que, sobre, a respeito

[review]
revisar, revisão, review, testar, revisasse, revise

# looking at: feedback with a change-noun next to it, a task without
[look]
olhar, dar uma olhada, dar uma olhadela

# what a review reads
[change-noun]
patch, patches, pr, diff, alteração, alterações, mudança, mudanças, commit, commits, código, branch, rascunho

[infinitive]
-ar, -er, -ir

[subjunctive]
-asse, -esse, -isse, -ássemos, -êssemos, -íssemos, -assem, -essem, -issem

# insisting (also in [want]): a directive only on the author's doing,
# an obligation, a deadline or a "done", never an opinion
[insist]
insistiu, insiste, insistia, fez questão, faz questão

# third-person objects: the person named just before (a hand-off)
[third]
lhe, a ele, a ela, para ele, para ela, pra ele, pra ela

[not-directive]
queria saber, quer saber, gostaria de saber, me avisou, nos avisou, fez perceber, fez notar, fez ver, fez saber, fez lembrar,
fez um favor, fez companhia, fez pensar

[take-over]
assume, vai assumir, assumirá, fica com, vai ficar com, ficará com, cuida de, cuida da, cuida do, cuida das, cuida dos, vai cuidar de, vai cuidar da,
vai cuidar do, toma conta de, passa a cuidar de

[specifier]
no caso, especificamente, em particular, pessoalmente, diretamente, mesmo, mesma, nomeadamente

[come]
veio, vem

[gerund]
-ando, -endo, -indo

[participle]
-ado, -ada, -ados, -adas, -ido, -ida, -idos, -idas, -to, -ta

[you]
você, te, ti, tu, contigo
