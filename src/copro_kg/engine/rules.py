"""The OWL 2 RL rule table: one entry per rule the engine fires, used for explanations too.

Each :class:`Rule` names a rule of the OWL 2 RL/RDF rule set (OWL 2 Profiles, Section
4.3, https://www.w3.org/TR/owl2-profiles/#OWL_2_RL), says in plain words what it means,
and gives its body and head as triple patterns (``"?x"`` are variables). The engine
records each derived triple's premises **in body order**, so :func:`is_instance` can
check any recorded step by unification alone. Rules over RDF lists (``prp-spo2``,
``cls-int1`` ...) have a variable-length body: their premises are the axiom triple
followed by one triple per list member, checked by a rule-specific function
(:mod:`copro_kg.engine.instances`, which also holds :func:`~copro_kg.engine.instances.is_instance`:
this module is the table only, data like rdflib's ``_SKOS.py``).

Rules with no head (``head is None``) detect inconsistencies (the spec's "false").

>>> RULES["cax-sco"].gloss
'an instance of a class is an instance of each of its superclasses'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Node, URIRef
from rdflib.namespace import OWL, RDF, RDFS

__all__ = ["RULES", "ListReader", "Pattern", "Rule", "Triple"]

Triple = tuple[Node, Node, Node]
Pattern = tuple[str | URIRef, str | URIRef, str | URIRef]
ListReader = Callable[[Node], list[Node] | None]


@dataclass(frozen=True)
class Rule:
    """One OWL 2 RL rule.

    Attributes:
        id: the rule's name in the OWL 2 RL tables (``"prp-trp"``).
        gloss: what the rule says, for a practitioner.
        body: premise patterns, in the order premises are recorded; empty for list rules.
        head: conclusion pattern; ``None`` for an inconsistency rule.
        more_heads: further conclusions the same body yields (``scm-cls`` has four).
        lists: True when the body walks an RDF list (premises are checked by code).
    """

    id: str
    gloss: str
    body: tuple[Pattern, ...] = ()
    head: Pattern | None = None
    more_heads: tuple[Pattern, ...] = ()
    lists: bool = False


T, SCO, SPO = RDF.type, RDFS.subClassOf, RDFS.subPropertyOf
SAME, DIFF = OWL.sameAs, OWL.differentFrom

_TABLE: list[Rule] = [
    # Table 4: equality
    Rule(
        "eq-ref",
        "everything is the same as itself",
        (("?s", "?p", "?o"),),
        ("?s", SAME, "?s"),
        (("?p", SAME, "?p"), ("?o", SAME, "?o")),
    ),
    Rule("eq-sym", "sameness works both ways", (("?x", SAME, "?y"),), ("?y", SAME, "?x")),
    Rule(
        "eq-trans",
        "things that are the same as the same thing are the same",
        (("?x", SAME, "?y"), ("?y", SAME, "?z")),
        ("?x", SAME, "?z"),
    ),
    Rule(
        "eq-rep-s",
        "what holds of a thing holds of anything the same as it",
        (("?s", SAME, "?s2"), ("?s", "?p", "?o")),
        ("?s2", "?p", "?o"),
    ),
    Rule(
        "eq-rep-p",
        "a relation the same as another links the same things",
        (("?p", SAME, "?p2"), ("?s", "?p", "?o")),
        ("?s", "?p2", "?o"),
    ),
    Rule(
        "eq-rep-o",
        "what is related to a thing is related to anything the same as it",
        (("?o", SAME, "?o2"), ("?s", "?p", "?o")),
        ("?s", "?p", "?o2"),
    ),
    Rule(
        "eq-diff1",
        "a thing cannot be both the same as and different from another",
        (("?x", SAME, "?y"), ("?x", DIFF, "?y")),
    ),
    Rule("eq-diff2", "members declared all different cannot be the same", lists=True),
    Rule("eq-diff3", "members declared all distinct cannot be the same", lists=True),
    # Table 5: properties
    Rule(
        "prp-dom",
        "whatever has a relation belongs to the relation's domain",
        (("?p", RDFS.domain, "?c"), ("?x", "?p", "?y")),
        ("?x", T, "?c"),
    ),
    Rule(
        "prp-rng",
        "whatever a relation points to belongs to the relation's range",
        (("?p", RDFS.range, "?c"), ("?x", "?p", "?y")),
        ("?y", T, "?c"),
    ),
    Rule(
        "prp-fp",
        "a functional relation has at most one value, so two values are the same",
        (("?p", T, OWL.FunctionalProperty), ("?x", "?p", "?y1"), ("?x", "?p", "?y2")),
        ("?y1", SAME, "?y2"),
    ),
    Rule(
        "prp-ifp",
        "an inverse-functional relation identifies its subject",
        (("?p", T, OWL.InverseFunctionalProperty), ("?x1", "?p", "?y"), ("?x2", "?p", "?y")),
        ("?x1", SAME, "?x2"),
    ),
    Rule(
        "prp-irp",
        "an irreflexive relation never links a thing to itself",
        (("?p", T, OWL.IrreflexiveProperty), ("?x", "?p", "?x")),
    ),
    Rule(
        "prp-symp",
        "a symmetric relation holds both ways",
        (("?p", T, OWL.SymmetricProperty), ("?x", "?p", "?y")),
        ("?y", "?p", "?x"),
    ),
    Rule(
        "prp-asyp",
        "an asymmetric relation cannot hold both ways",
        (("?p", T, OWL.AsymmetricProperty), ("?x", "?p", "?y"), ("?y", "?p", "?x")),
    ),
    Rule(
        "prp-trp",
        "a transitive relation carries over along a chain of links",
        (("?p", T, OWL.TransitiveProperty), ("?x", "?p", "?y"), ("?y", "?p", "?z")),
        ("?x", "?p", "?z"),
    ),
    Rule(
        "prp-spo1",
        "a relation implies each relation it is a kind of",
        (("?p1", SPO, "?p2"), ("?x", "?p1", "?y")),
        ("?x", "?p2", "?y"),
    ),
    Rule("prp-spo2", "following a chain of relations implies the chained relation", lists=True),
    Rule(
        "prp-eqp1",
        "equivalent relations hold together",
        (("?p1", OWL.equivalentProperty, "?p2"), ("?x", "?p1", "?y")),
        ("?x", "?p2", "?y"),
    ),
    Rule(
        "prp-eqp2",
        "equivalent relations hold together",
        (("?p1", OWL.equivalentProperty, "?p2"), ("?x", "?p2", "?y")),
        ("?x", "?p1", "?y"),
    ),
    Rule(
        "prp-pdw",
        "disjoint relations never link the same pair",
        (("?p1", OWL.propertyDisjointWith, "?p2"), ("?x", "?p1", "?y"), ("?x", "?p2", "?y")),
    ),
    Rule("prp-adp", "relations declared all disjoint never link the same pair", lists=True),
    Rule(
        "prp-inv1",
        "a relation implies its inverse the other way round",
        (("?p1", OWL.inverseOf, "?p2"), ("?x", "?p1", "?y")),
        ("?y", "?p2", "?x"),
    ),
    Rule(
        "prp-inv2",
        "a relation implies its inverse the other way round",
        (("?p1", OWL.inverseOf, "?p2"), ("?x", "?p2", "?y")),
        ("?y", "?p1", "?x"),
    ),
    Rule("prp-key", "things of a class with the same key values are the same", lists=True),
    Rule(
        "prp-npa1",
        "a negative assertion forbids the link it names",
        (
            ("?x", OWL.sourceIndividual, "?i1"),
            ("?x", OWL.assertionProperty, "?p"),
            ("?x", OWL.targetIndividual, "?i2"),
            ("?i1", "?p", "?i2"),
        ),
    ),
    Rule(
        "prp-npa2",
        "a negative assertion forbids the value it names",
        (
            ("?x", OWL.sourceIndividual, "?i"),
            ("?x", OWL.assertionProperty, "?p"),
            ("?x", OWL.targetValue, "?lt"),
            ("?i", "?p", "?lt"),
        ),
    ),
    # Table 6: classes
    Rule("cls-nothing2", "nothing can be an instance of owl:Nothing", (("?x", T, OWL.Nothing),)),
    Rule("cls-int1", "what belongs to every class of an intersection belongs to it", lists=True),
    Rule("cls-int2", "what belongs to an intersection belongs to each of its classes", lists=True),
    Rule("cls-uni", "what belongs to one class of a union belongs to the union", lists=True),
    Rule(
        "cls-com",
        "nothing belongs to a class and to its complement",
        (("?c1", OWL.complementOf, "?c2"), ("?x", T, "?c1"), ("?x", T, "?c2")),
    ),
    Rule(
        "cls-svf1",
        "what has a link of the restricted kind to a suitable value meets the restriction",
        (
            ("?r", OWL.someValuesFrom, "?y"),
            ("?r", OWL.onProperty, "?p"),
            ("?u", "?p", "?v"),
            ("?v", T, "?y"),
        ),
        ("?u", T, "?r"),
    ),
    Rule(
        "cls-svf2",
        "what has any link of the restricted kind meets the restriction",
        (("?r", OWL.someValuesFrom, OWL.Thing), ("?r", OWL.onProperty, "?p"), ("?u", "?p", "?v")),
        ("?u", T, "?r"),
    ),
    Rule(
        "cls-avf",
        "all values of a restricted relation belong to the required class",
        (
            ("?r", OWL.allValuesFrom, "?y"),
            ("?r", OWL.onProperty, "?p"),
            ("?u", T, "?r"),
            ("?u", "?p", "?v"),
        ),
        ("?v", T, "?y"),
    ),
    Rule(
        "cls-hv1",
        "what meets a has-value restriction has that value",
        (("?r", OWL.hasValue, "?y"), ("?r", OWL.onProperty, "?p"), ("?u", T, "?r")),
        ("?u", "?p", "?y"),
    ),
    Rule(
        "cls-hv2",
        "what has the required value meets the has-value restriction",
        (("?r", OWL.hasValue, "?y"), ("?r", OWL.onProperty, "?p"), ("?u", "?p", "?y")),
        ("?u", T, "?r"),
    ),
    Rule(
        "cls-maxc1",
        "a relation restricted to no values has none",
        (
            ("?r", OWL.maxCardinality, "?n"),
            ("?r", OWL.onProperty, "?p"),
            ("?u", T, "?r"),
            ("?u", "?p", "?y"),
        ),
    ),
    Rule(
        "cls-maxc2",
        "a relation restricted to one value: two values are the same",
        (
            ("?r", OWL.maxCardinality, "?n"),
            ("?r", OWL.onProperty, "?p"),
            ("?u", T, "?r"),
            ("?u", "?p", "?y1"),
            ("?u", "?p", "?y2"),
        ),
        ("?y1", SAME, "?y2"),
    ),
    Rule(
        "cls-maxqc1",
        "a relation restricted to no values of a class has none",
        (
            ("?r", OWL.maxQualifiedCardinality, "?n"),
            ("?r", OWL.onProperty, "?p"),
            ("?r", OWL.onClass, "?c"),
            ("?u", T, "?r"),
            ("?u", "?p", "?y"),
            ("?y", T, "?c"),
        ),
    ),
    Rule(
        "cls-maxqc2",
        "a relation restricted to no values has none",
        (
            ("?r", OWL.maxQualifiedCardinality, "?n"),
            ("?r", OWL.onProperty, "?p"),
            ("?r", OWL.onClass, OWL.Thing),
            ("?u", T, "?r"),
            ("?u", "?p", "?y"),
        ),
    ),
    Rule(
        "cls-maxqc3",
        "at most one value of a class: two such values are the same",
        (
            ("?r", OWL.maxQualifiedCardinality, "?n"),
            ("?r", OWL.onProperty, "?p"),
            ("?r", OWL.onClass, "?c"),
            ("?u", T, "?r"),
            ("?u", "?p", "?y1"),
            ("?y1", T, "?c"),
            ("?u", "?p", "?y2"),
            ("?y2", T, "?c"),
        ),
        ("?y1", SAME, "?y2"),
    ),
    Rule(
        "cls-maxqc4",
        "at most one value: two values are the same",
        (
            ("?r", OWL.maxQualifiedCardinality, "?n"),
            ("?r", OWL.onProperty, "?p"),
            ("?r", OWL.onClass, OWL.Thing),
            ("?u", T, "?r"),
            ("?u", "?p", "?y1"),
            ("?u", "?p", "?y2"),
        ),
        ("?y1", SAME, "?y2"),
    ),
    Rule("cls-oo", "each listed member belongs to an enumerated class", lists=True),
    # Table 7: class axioms
    Rule(
        "cax-sco",
        "an instance of a class is an instance of each of its superclasses",
        (("?c1", SCO, "?c2"), ("?x", T, "?c1")),
        ("?x", T, "?c2"),
    ),
    Rule(
        "cax-eqc1",
        "equivalent classes have the same instances",
        (("?c1", OWL.equivalentClass, "?c2"), ("?x", T, "?c1")),
        ("?x", T, "?c2"),
    ),
    Rule(
        "cax-eqc2",
        "equivalent classes have the same instances",
        (("?c1", OWL.equivalentClass, "?c2"), ("?x", T, "?c2")),
        ("?x", T, "?c1"),
    ),
    Rule(
        "cax-dw",
        "nothing belongs to two disjoint classes",
        (("?c1", OWL.disjointWith, "?c2"), ("?x", T, "?c1"), ("?x", T, "?c2")),
    ),
    Rule("cax-adc", "nothing belongs to two classes declared all disjoint", lists=True),
    # Table 9: schema vocabulary
    Rule(
        "scm-cls",
        "every class is equivalent to itself, under owl:Thing and over owl:Nothing",
        (("?c", T, OWL.Class),),
        ("?c", SCO, "?c"),
        (("?c", OWL.equivalentClass, "?c"), ("?c", SCO, OWL.Thing), (OWL.Nothing, SCO, "?c")),
    ),
    Rule(
        "scm-sco",
        "subclass is transitive",
        (("?c1", SCO, "?c2"), ("?c2", SCO, "?c3")),
        ("?c1", SCO, "?c3"),
    ),
    Rule(
        "scm-eqc1",
        "equivalent classes are subclasses of each other",
        (("?c1", OWL.equivalentClass, "?c2"),),
        ("?c1", SCO, "?c2"),
        (("?c2", SCO, "?c1"),),
    ),
    Rule(
        "scm-eqc2",
        "classes that are subclasses of each other are equivalent",
        (("?c1", SCO, "?c2"), ("?c2", SCO, "?c1")),
        ("?c1", OWL.equivalentClass, "?c2"),
    ),
    Rule(
        "scm-op",
        "every object property is a subproperty of, and equivalent to, itself",
        (("?p", T, OWL.ObjectProperty),),
        ("?p", SPO, "?p"),
        (("?p", OWL.equivalentProperty, "?p"),),
    ),
    Rule(
        "scm-dp",
        "every datatype property is a subproperty of, and equivalent to, itself",
        (("?p", T, OWL.DatatypeProperty),),
        ("?p", SPO, "?p"),
        (("?p", OWL.equivalentProperty, "?p"),),
    ),
    Rule(
        "scm-spo",
        "subproperty is transitive",
        (("?p1", SPO, "?p2"), ("?p2", SPO, "?p3")),
        ("?p1", SPO, "?p3"),
    ),
    Rule(
        "scm-eqp1",
        "equivalent properties are subproperties of each other",
        (("?p1", OWL.equivalentProperty, "?p2"),),
        ("?p1", SPO, "?p2"),
        (("?p2", SPO, "?p1"),),
    ),
    Rule(
        "scm-eqp2",
        "properties that are subproperties of each other are equivalent",
        (("?p1", SPO, "?p2"), ("?p2", SPO, "?p1")),
        ("?p1", OWL.equivalentProperty, "?p2"),
    ),
    Rule(
        "scm-dom1",
        "a domain widens to the domain's superclasses",
        (("?p", RDFS.domain, "?c1"), ("?c1", SCO, "?c2")),
        ("?p", RDFS.domain, "?c2"),
    ),
    Rule(
        "scm-dom2",
        "a subproperty inherits its superproperty's domain",
        (("?p2", RDFS.domain, "?c"), ("?p1", SPO, "?p2")),
        ("?p1", RDFS.domain, "?c"),
    ),
    Rule(
        "scm-rng1",
        "a range widens to the range's superclasses",
        (("?p", RDFS.range, "?c1"), ("?c1", SCO, "?c2")),
        ("?p", RDFS.range, "?c2"),
    ),
    Rule(
        "scm-rng2",
        "a subproperty inherits its superproperty's range",
        (("?p2", RDFS.range, "?c"), ("?p1", SPO, "?p2")),
        ("?p1", RDFS.range, "?c"),
    ),
    Rule(
        "scm-hv",
        "a has-value restriction on a subproperty is the narrower one",
        (
            ("?c1", OWL.hasValue, "?i"),
            ("?c1", OWL.onProperty, "?p1"),
            ("?c2", OWL.hasValue, "?i"),
            ("?c2", OWL.onProperty, "?p2"),
            ("?p1", SPO, "?p2"),
        ),
        ("?c1", SCO, "?c2"),
    ),
    Rule(
        "scm-svf1",
        "some-values restrictions follow the hierarchy of their classes",
        (
            ("?c1", OWL.someValuesFrom, "?y1"),
            ("?c1", OWL.onProperty, "?p"),
            ("?c2", OWL.someValuesFrom, "?y2"),
            ("?c2", OWL.onProperty, "?p"),
            ("?y1", SCO, "?y2"),
        ),
        ("?c1", SCO, "?c2"),
    ),
    Rule(
        "scm-svf2",
        "some-values restrictions follow the hierarchy of their properties",
        (
            ("?c1", OWL.someValuesFrom, "?y"),
            ("?c1", OWL.onProperty, "?p1"),
            ("?c2", OWL.someValuesFrom, "?y"),
            ("?c2", OWL.onProperty, "?p2"),
            ("?p1", SPO, "?p2"),
        ),
        ("?c1", SCO, "?c2"),
    ),
    Rule(
        "scm-avf1",
        "all-values restrictions follow the hierarchy of their classes",
        (
            ("?c1", OWL.allValuesFrom, "?y1"),
            ("?c1", OWL.onProperty, "?p"),
            ("?c2", OWL.allValuesFrom, "?y2"),
            ("?c2", OWL.onProperty, "?p"),
            ("?y1", SCO, "?y2"),
        ),
        ("?c1", SCO, "?c2"),
    ),
    Rule(
        "scm-avf2",
        "all-values restrictions on a subproperty are the wider ones",
        (
            ("?c1", OWL.allValuesFrom, "?y"),
            ("?c1", OWL.onProperty, "?p1"),
            ("?c2", OWL.allValuesFrom, "?y"),
            ("?c2", OWL.onProperty, "?p2"),
            ("?p1", SPO, "?p2"),
        ),
        ("?c2", SCO, "?c1"),
    ),
    Rule("scm-int", "an intersection is a subclass of each of its classes", lists=True),
    Rule("scm-uni", "each class of a union is a subclass of the union", lists=True),
    # Axiomatic rules: no premises (owlrl adds these once, before the fixpoint)
    Rule("cls-thing", "owl:Thing is a class", (), (OWL.Thing, T, OWL.Class)),
    Rule("cls-nothing1", "owl:Nothing is a class", (), (OWL.Nothing, T, OWL.Class)),
    Rule(
        "prp-ap",
        "the built-in annotation properties are annotation properties",
        (),
        ("?p", T, OWL.AnnotationProperty),
    ),
    Rule("dt-type1", "each OWL 2 RL datatype is a datatype", (), ("?dt", T, RDFS.Datatype)),
    # Table 8: datatypes
    Rule("dt-type2", "a literal belongs to its datatype", lists=True),
    Rule("dt-eq", "literals with the same value are the same", lists=True),
    Rule("dt-diff", "literals with different values are different", lists=True),
    Rule("dt-not-type", "a literal must be valid for its datatype", lists=True),
    # Not an OWL 2 RL rule: XML Schema Part 2's derivation of the built-in datatypes
    Rule(
        "xsd-sub",
        "XML Schema derives this datatype from that one, so its values are among that one's",
        lists=True,
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _TABLE}
"""Rule id -> :class:`Rule`, for every rule the engine can name in a derivation."""
