"""Deterministic blank node labels: the same graph gives the same labels in any process.

rdflib gives blank nodes random ids (``N3a9f...``), so two runs write different bytes for
the same triples. Every writer of :mod:`copro_kg.io.serialize` and the flat RDF/XML
writer (:mod:`copro_kg.io.rdfxml`) relabels them first (``b0``, ``b1`` ...), by what
surrounds each blank node, never by ``PYTHONHASHSEED`` or the order triples were added.

How, and why not RDFC-1.0 (https://www.w3.org/TR/rdf-canon/) as before: its worst case is
exponential in blank nodes that nothing tells apart, and real inputs reach it -- our own
full export fed back as ``--data`` (every blank structure twice) spent 28 s of a 29 s run
in pyoxigraph's canonicalisation, LinkML's metamodel ran out of memory at 24 GB, and the
W3C test suite's "poison" graphs are built to run for hours (issue 29). The spec asks
implementations to bound that work. Here:

1. The blank part of the graph is split into *components* (blank nodes linked by triples
   with two or more of them); each component is labelled on its own, and components are
   ordered by their labelled triples. Identical copies of one structure are identical
   components: whichever comes first, the written triples are the same.
2. Inside a component, *colour refinement* (the 1-dimensional Weisfeiler-Leman method)
   gives each blank node a colour from its triples, the IRIs and literals in them, and
   its blank neighbours' colours, round after round, until no colour splits further.
3. Nodes still sharing a colour are told apart by *individualisation*: each choice is
   tried, refined, and the choice giving the smallest labelled triples wins -- the same
   whatever the input's order, so the labels are canonical.
4. That search is bounded (:data:`WORK_BOUND`, about a second of CPU per write). Past
   the bound, the component's remaining ties are broken by input order at once: the
   output is still the same for the same input, every time, but two isomorphic inputs
   given in different orders may get different labels. A
   :class:`~copro_kg.errors.OutputWarning` says so (the CLI prints one ``warning:``
   line). The glossary, our own export fed back, and the rdf-canon poison graphs stay
   inside the bound; LinkML's metamodel reasoned does not (its closure makes a hundred
   restrictions subclasses of each other).

Generalised triples (``reason --all``: a literal subject, a blank-node predicate) are
labelled the same way: a blank node's position in its triple is part of its colour.

>>> from rdflib import BNode, Graph, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("urn:a"), URIRef("urn:p"), BNode()))
>>> h = Graph()
>>> _ = h.add((URIRef("urn:a"), URIRef("urn:p"), BNode()))
>>> set(canonical(g)) == set(canonical(h))
True
>>> canonical_triples(g)
[(rdflib.term.URIRef('urn:a'), rdflib.term.URIRef('urn:p'), rdflib.term.BNode('b0'))]
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph
from rdflib.term import Node

__all__ = ["WORK_BOUND", "Triple", "canonical", "canonical_triples", "has_blank_nodes"]

Triple = tuple[Node, Node, Node]
"""An rdflib triple (generalised: any term in any place)."""


def has_blank_nodes(graph: Iterable[Triple]) -> bool:
    """Whether any term of the triples is a blank node."""
    return any(isinstance(t, BNode) for triple in graph for t in triple)


def canonical(graph: Graph, triples: list[Triple] | None = None) -> Graph:
    """``graph`` with canonical blank node labels and the same prefixes.

    A graph without blank nodes is returned as it is (nothing to relabel). ``triples``
    are ``list(graph)`` when the caller has them already (iterating rdflib's store costs
    more than relabelling).
    """
    if triples is None:
        triples = list(graph)
    if not has_blank_nodes(triples):
        return graph
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    add = out.store.add  # rdflib terms already: Graph.add's checks would double the time
    for triple in canonical_triples(triples):
        add(triple, out)
    return out


def canonical_triples(triples: Iterable[Triple]) -> list[Triple]:
    """The triples, their blank nodes relabelled canonically (in no particular order).

    Triples without a blank node are returned unchanged; the others get the labels of
    :class:`_Labeller` (see the module notes).
    """
    ground: list[Triple] = []
    blank: list[Triple] = []
    for triple in triples:
        s, p, o = triple
        if isinstance(s, BNode) or isinstance(p, BNode) or isinstance(o, BNode):
            blank.append(triple)
        else:
            ground.append(triple)
    if not blank:
        return ground
    labeller = _Labeller(blank)
    labels = labeller.labels()
    if labeller.undecided:
        import warnings

        from copro_kg.errors import OutputWarning

        count = labeller.undecided
        warnings.warn(
            OutputWarning(
                f"{count:,} blank node{'s' if count != 1 else ''} could not be told apart "
                "within the work bound",
                action="labelled in input order: the same input gives the same file, an "
                "isomorphic one in another order may get other labels",
            ),
            stacklevel=3,
        )

    def label(term: Node) -> Node:
        return labels[term] if isinstance(term, BNode) else term

    ground.extend((label(s), label(p), label(o)) for s, p, o in blank)
    return ground


WORK_BOUND = 1_000_000
"""Work one write may spend searching for the labels of blank nodes that share a colour,
counted in looks at a blank node's links (a refinement round of a component costs one per
link): about a second of CPU. The glossary needs none; LinkML's metamodel, whose
reasoned closure makes a hundred restrictions subclasses of each other, needs more."""

_Colours = dict[BNode, int]


class _Labeller:
    """Canonical labels for the blank nodes of ``triples`` (each has a blank node)."""

    def __init__(self, triples: list[Triple]) -> None:
        self.spent = 0
        self.undecided = 0
        self._ground: dict[Node, str] = {}
        self._links: dict[BNode, list[tuple[str, tuple[BNode, ...]]]] = {}
        self._triples: list[tuple[tuple[Node, str], ...]] = []  # the current component's
        # Each blank node's triples (by index), and the blank nodes in input order.
        self._blank = triples
        self._around: dict[BNode, list[int]] = {}
        for index, triple in enumerate(triples):
            for term in dict.fromkeys(triple):
                if isinstance(term, BNode):
                    self._around.setdefault(term, []).append(index)
                else:
                    self._ground.setdefault(term, term.n3())

    def labels(self) -> dict[BNode, BNode]:
        """Every blank node's new label, ``b0`` ... in the order of the components'
        labelled triples, then of the nodes inside each."""
        done: list[tuple[str, list[BNode]]] = []
        for nodes in self._components():
            done.append(self._component(nodes))
        labels: dict[BNode, BNode] = {}
        for _, ordered in sorted(done, key=lambda item: item[0]):
            for node in ordered:
                labels[node] = BNode(f"b{len(labels)}")
        return labels

    def _components(self) -> list[list[BNode]]:
        """The blank nodes, grouped by the triples that link them (input order kept)."""
        seen: set[BNode] = set()
        groups: list[list[BNode]] = []
        for start in self._around:
            if start in seen:
                continue
            seen.add(start)
            group, todo = [start], [start]
            while todo:
                node = todo.pop()
                for index in self._around[node]:
                    for term in self._blank[index]:
                        if isinstance(term, BNode) and term not in seen:
                            seen.add(term)
                            group.append(term)
                            todo.append(term)
            groups.append(group)
        return groups

    def _component(self, nodes: list[BNode]) -> tuple[str, list[BNode]]:
        """The component's labelled triples (its certificate) and its nodes in order."""
        spent = self.spent
        around, blank, ground = self._around, self._blank, self._ground
        # The component's triples, each term with its name (blank nodes named per leaf).
        self._triples = [
            tuple((t, "" if isinstance(t, BNode) else ground[t]) for t in blank[index])
            for index in {index for node in nodes for index in around[node]}
        ]
        colours = self._refine(self._first_colours(nodes))
        self.spent = spent  # the first refinement is linear work: it is not searching
        found = self._search(nodes, colours)
        if found is None:  # past the bound: ties broken in input order, at once
            self.undecided += len(nodes)
            found = self._certificate(nodes, _in_input_order(nodes, colours))
        return found

    def _first_colours(self, nodes: list[BNode]) -> _Colours:
        """Colours from each node's own triples, other blank nodes left unnamed ("_");
        the triples that link it to other blank nodes are kept for refinement."""
        static: dict[BNode, tuple[str, ...]] = {}
        for node in nodes:
            forms: list[str] = []
            links: list[tuple[str, tuple[BNode, ...]]] = []
            for index in self._around[node]:
                triple = self._blank[index]
                names = []
                others: list[BNode] = []
                for term in triple:
                    if term == node:
                        names.append("*")
                    elif isinstance(term, BNode):
                        names.append("_")
                        others.append(term)
                    else:
                        names.append(self._ground[term])
                form = " ".join(names)
                forms.append(form)
                if others:
                    links.append((form, tuple(others)))
            static[node] = tuple(sorted(forms))
            self._links[node] = links
        order = {sig: index for index, sig in enumerate(sorted(set(static.values())))}
        return {node: order[static[node]] for node in nodes}

    def _refine(self, colours: _Colours) -> _Colours:
        """Split colours by their nodes' blank neighbours' colours until no colour splits
        further (each node's own triples are in its first colour already)."""
        count = len(set(colours.values()))
        work = sum(len(self._links[node]) + 1 for node in colours)
        while True:
            self.spent += work
            signatures = {node: (colours[node], self._signature(node, colours)) for node in colours}
            order = {sig: index for index, sig in enumerate(sorted(set(signatures.values())))}
            refined = {node: order[signatures[node]] for node in colours}
            if len(order) == count:
                return refined
            colours, count = refined, len(order)

    def _signature(self, node: BNode, colours: _Colours) -> tuple[tuple[str, tuple[int, ...]], ...]:
        return tuple(
            sorted(
                (form, tuple(colours[other] for other in others))
                for form, others in self._links[node]
            )
        )

    def _search(self, nodes: list[BNode], colours: _Colours) -> tuple[str, list[BNode]] | None:
        """The smallest certificate over every way of telling the tied nodes apart;
        None when the work bound runs out first.

        A choice whose first leaf (its ties broken in input order) has the certificate of
        the first choice's first leaf is skipped: the two leaves' labellings compose to
        an automorphism of the graph taking one choice to the other, so its subtree holds
        the same certificates (B. McKay's pruning, "Practical graph isomorphism", 1981).
        Copies of one structure -- the twins that made RDFC-1.0 slow -- cost one subtree.
        """
        cell = self._first_tie(nodes, colours)
        if cell is None:
            return self._certificate(nodes, colours)
        best: tuple[str, list[BNode]] | None = None
        first: str | None = None
        for node in cell:
            if self.spent > WORK_BOUND:
                return None
            chosen = self._refine(_individualised(colours, node))
            leaf = self._first_leaf(nodes, chosen)[0]
            if first is None:
                first = leaf
            elif leaf == first:
                continue  # an automorphism maps the first choice here: same subtree
            found = self._search(nodes, chosen)
            if found is None:
                return None
            if best is None or found[0] < best[0]:
                best = found
        return best

    def _first_leaf(self, nodes: list[BNode], colours: _Colours) -> tuple[str, list[BNode]]:
        """Tell tied nodes apart by input order alone, no search (the bounded fallback)."""
        while (cell := self._first_tie(nodes, colours)) is not None:
            if self.spent > WORK_BOUND:
                return "", []  # the caller gives up too: the bound is past
            colours = self._refine(_individualised(colours, cell[0]))
        return self._certificate(nodes, colours)

    @staticmethod
    def _first_tie(nodes: list[BNode], colours: _Colours) -> list[BNode] | None:
        """The nodes of the smallest colour that more than one node has (input order)."""
        by_colour: dict[int, list[BNode]] = {}
        for node in nodes:
            by_colour.setdefault(colours[node], []).append(node)
        ties = [cell for colour, cell in sorted(by_colour.items()) if len(cell) > 1]
        return ties[0] if ties else None

    def _certificate(self, nodes: list[BNode], colours: _Colours) -> tuple[str, list[BNode]]:
        """The component's triples with each blank node named by its (unique) colour."""
        ordered = sorted(nodes, key=colours.__getitem__)
        local: dict[Node, str] = {node: f"_:{index}" for index, node in enumerate(ordered)}
        self.spent += len(self._triples)
        lines = sorted(
            " ".join(local.get(term, name) for term, name in triple) for triple in self._triples
        )
        return "\n".join(lines), ordered


def _in_input_order(nodes: list[BNode], colours: _Colours) -> _Colours:
    """Every tie broken at once by the input order (the bounded fallback: no search)."""
    position = {node: index for index, node in enumerate(nodes)}
    ranked = sorted(nodes, key=lambda node: (colours[node], position[node]))
    return {node: index for index, node in enumerate(ranked)}


def _individualised(colours: _Colours, node: BNode) -> _Colours:
    """``colours`` with ``node`` given a colour of its own, just before its old one."""
    return {other: 2 * colour + (0 if other == node else 1) for other, colour in colours.items()}
