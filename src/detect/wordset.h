#ifndef AS_WORDSET_H
#define AS_WORDSET_H
/*
 * A set of whole words, each in one or more groups, and one pass over a
 * text that tells which groups have a word in it: the directive engine's
 * prefilter (a word that can start a directive, and one that can name a
 * party), run over every message before anything is tokenized. Words are
 * compared lower-cased (ASCII, and the Latin-1 capitals as their small
 * letters), with their accents, and a word of the text also as folded
 * (util/fold.h): list both "pidió" and "pidio", and "pidio" finds
 * "pidiò" and "PIDÍO" too, as the tokens would. Word boundaries are what
 * tokens.h cuts at, or more: anything that is not an ASCII letter or
 * digit or a UTF-8 character that folding calls a letter.
 */
#include <stddef.h>
#include <stdint.h>

/* A word of the text longer than this (bytes) is in no set: it is skipped
 * without hashing (a "word" of a megabyte of letters costs its reading). */
#define AS_WORDSET_MAX_WORD 128

typedef struct as_wordset as_wordset;

as_wordset *as_wordset_new(void);
void as_wordset_free(as_wordset *ws);

/* Adds a (lower-case) word to group g (0..31); while building. A word
 * longer than AS_WORDSET_MAX_WORD is left out (no text would find it). */
void as_wordset_add(as_wordset *ws, const char *word, unsigned g);

/* The groups (bit g) that have a word in text[0..len); stops early once
 * every group in `want` is found. */
uint32_t as_wordset_scan(const as_wordset *ws, const char *text, size_t len, uint32_t want);

#endif
