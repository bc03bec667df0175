#!/usr/bin/perl
# include-graph.pl SRC-DIR: checks the one-way flow of src/ (docs/architecture.md).
#   - no include cycle between modules (a module is x.c with x.h);
#   - sources (src/source/) yield events and nothing else: no source file
#     includes a header of detection, classification, judging, findings or
#     metrics;
#   - config/ includes nothing of detect/, source/, metrics/, report/;
#   - util/ includes nothing outside util/.
# Prints one line per problem; exit 1 when there is one.
use strict;
use warnings;

my $src = shift // 'src';
my (%edges, @bad);
for my $f (sort split /\n/, `find $src -name '*.[ch]'`) {
	(my $m = $f) =~ s/^\Q$src\E\///;
	$m =~ s/\.[ch]$//;
	open my $fh, '<', $f or die "$f: $!";
	while (<$fh>) {
		next unless /^#include "([^"]+)\.h"/;
		my $t = $1;
		next if $t eq $m;
		$edges{$m}{$t} = 1;
		push @bad, "$f includes $t.h: sources yield events, they do not judge"
			if $m =~ m{^source/} && $t =~ m{^(detect/|classify$|judge$|finding$|metrics/)};
		push @bad, "$f includes $t.h: config reads rules.ini and nothing else"
			if $m =~ m{^config/} && $t =~ m{^(detect|source|metrics|report|cmd)/};
		push @bad, "$f includes $t.h: util/ stands on its own"
			if $m =~ m{^util/} && $t !~ m{^util/};
	}
}

# strongly connected components (Tarjan): a component of two or more is a cycle
my (%idx, %low, %on, @stack, @sccs);
my $n = 0;
sub visit {
	my $v = shift;
	$idx{$v} = $low{$v} = $n++;
	push @stack, $v;
	$on{$v} = 1;
	for my $w (sort keys %{ $edges{$v} // {} }) {
		if (!defined $idx{$w}) {
			visit($w);
			$low{$v} = $low{$w} if $low{$w} < $low{$v};
		} elsif ($on{$w}) {
			$low{$v} = $idx{$w} if $idx{$w} < $low{$v};
		}
	}
	if ($low{$v} == $idx{$v}) {
		my @c;
		my $w;
		do { $w = pop @stack; $on{$w} = 0; push @c, $w } while ($w ne $v);
		push @sccs, [ sort @c ] if @c > 1;
	}
}
visit($_) for grep { !defined $idx{$_} } sort keys %edges;
push @bad, "include cycle: " . join(' <-> ', @$_) for @sccs;
print "$_\n" for @bad;
exit(@bad ? 1 : 0);
