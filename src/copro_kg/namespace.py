"""The namespaces copro_kg uses, and the prefixes bound on every graph it makes.

``COPRO`` is the project's own namespace, closed: an rdflib ``DefinedNamespace`` with
``_fail = True`` whose terms are generated from the ontology by ``scripts/generate_namespace.py``
(a test fails when the two drift apart), so ``COPRO.inGrop`` raises ``AttributeError`` instead of
minting a new IRI. Readable kebab-case slugs name concepts (``COPRO["co-production"]``),
``UpperCamelCase`` names classes (``COPRO.CoProduction``) and ``lowerCamelCase`` properties
(``COPRO.inGroup``); see ``ontology/README.md``. For IRIs built from data (a slug typed by a user,
which may name nothing) use the open :data:`COPRO_OPEN`. ``ISOTHES`` is the ISO 25964 SKOS
extension.

>>> COPRO.inGroup
rdflib.term.URIRef('https://w3id.org/copro-kg/inGroup')
>>> COPRO["co-production"] in COPRO, "co-prod" in COPRO
(True, False)
"""

# ruff: noqa: N805, N815 -- the attribute names are the ontology's own (lowerCamelCase properties)
from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace, DefinedNamespaceMeta

from copro_kg.prefixes import BASE, PREFIX_IRIS

__all__ = ["BASE", "COPRO", "COPRO_OPEN", "ISOTHES", "PREFIXES", "bind_prefixes"]


COPRO_OPEN = Namespace(BASE)
"""The copro namespace, open: for IRIs built from data, which need not name a term."""


class _ClosedNamespaceMeta(DefinedNamespaceMeta):
    """rdflib's DefinedNamespace metaclass, plus ``len()`` of the namespace IRI (like Namespace)."""

    def __len__(cls) -> int:
        return len(BASE)


class _Copro(DefinedNamespace, metaclass=_ClosedNamespaceMeta):
    """Every term of the copro-kg ontology (generated; edit the ontology, then regenerate)."""

    _NS = Namespace(BASE)
    _fail = True

    # --- begin generated terms (scripts/generate_namespace.py) ---
    Act: URIRef  # legislation
    ActCitation: URIRef  # Act citation
    ActProvision: URIRef  # provision of an Act
    ActionValue: URIRef  # action value
    ActivityClassShape: URIRef
    Approach: URIRef  # approach
    AudienceValue: URIRef  # audience value
    CoProduction: URIRef  # co-production
    CoProductionValue: URIRef  # value of co-production
    Coercion: URIRef  # obsolete coercion (class)
    CoercionActivity: URIRef  # coercion
    CoercionOrProtection: URIRef  # coercion or protection
    CommunicationValue: URIRef  # communication value
    CommunityEngagement: URIRef  # community engagement
    ConceptShape: URIRef
    Consultation: URIRef  # obsolete consultation (class)
    ConsultationActivity: URIRef  # consultation
    Criterion: URIRef  # criterion
    CriterionShape: URIRef
    CriterionValueShape: URIRef
    CyclePhase: URIRef  # co-production cycle phase
    CyclePhaseShape: URIRef
    DecisionValue: URIRef  # decision value
    DeprecatedTermShape: URIRef
    Distinction: URIRef  # distinction
    DistinctionShape: URIRef
    DoingFor: URIRef  # doing for
    DoingTo: URIRef  # doing to
    DoingWith: URIRef  # doing with
    Education: URIRef  # obsolete education (class)
    EducationActivity: URIRef  # education
    EducationOrPersuasion: URIRef  # education or persuasion
    EngagementActivity: URIRef  # engagement activity
    ExampleShape: URIRef
    FeatureShape: URIRef
    FeatureValue: URIRef  # feature value
    FeatureValueShape: URIRef
    GlossaryActivityShape: URIRef
    Guidance: URIRef  # guidance
    Information: URIRef  # obsolete information (class)
    InformationActivity: URIRef  # information
    Involvement: URIRef  # obsolete involvement (class)
    InvolvementActivity: URIRef  # involvement
    KnowledgeValue: URIRef  # knowledge value
    Legislation: URIRef  # obsolete legislation (class)
    Model: URIRef  # model
    Organisation: URIRef  # organisation
    OrganisationDecidesAlone: URIRef  # organisation decides alone
    Participation: URIRef  # obsolete participation (class)
    ParticipationActivity: URIRef  # participation
    Passage: URIRef  # passage
    Persuasion: URIRef  # obsolete persuasion (class)
    PersuasionActivity: URIRef  # persuasion
    Protection: URIRef  # obsolete protection (class)
    ProtectionActivity: URIRef  # protection
    PurposeValue: URIRef  # purpose value
    SchemeShape: URIRef
    SpectrumGroup: URIRef  # spectrum group
    SpectrumGroupShape: URIRef
    SpectrumLevel: URIRef  # spectrum level
    SpectrumLevelShape: URIRef
    StakeholderEngagement: URIRef  # stakeholder engagement
    WayOfWorking: URIRef  # way of working
    WayOfWorkingShape: URIRef
    actionStatement: URIRef  # action statement
    audience: URIRef  # audience
    canAugment: URIRef  # can augment
    coercion: URIRef  # Coercion
    collaboration: URIRef  # Collaboration
    communication: URIRef  # communication
    concept: URIRef  # concept
    consultation: URIRef  # Consultation
    covers: URIRef  # covers
    coversLevel: URIRef  # covers level
    criterion: URIRef  # obsolete criterion (property)
    criterionFor: URIRef  # criterion for
    decisionStatement: URIRef  # decision statement
    distinctionOf: URIRef  # distinction of
    distinguishedFrom: URIRef  # distinguished from
    distinguishingCriterion: URIRef  # criterion
    education: URIRef  # Education
    embodiesValue: URIRef  # embodies value
    engagement: URIRef  # Engagement
    enshrinedIn: URIRef  # enshrined in
    fundsWorkOf: URIRef  # funds work of
    glossary: URIRef  # Engagement and co-production glossary
    glossaryLevel: URIRef  # glossary level
    glossarySection: URIRef  # glossary section
    glossaryText: URIRef  # glossary text
    goodStartingPointFor: URIRef  # good starting point for
    guidanceOn: URIRef  # guidance on
    hasPart: URIRef  # has part
    hasSynergyWith: URIRef  # has synergy with
    inGroup: URIRef  # in group
    information: URIRef  # Information
    inspiredBy: URIRef  # inspired by
    integration: URIRef  # Integration
    introduces: URIRef  # introduces
    involvement: URIRef  # Involvement
    isKeyTo: URIRef  # is key to
    isPartOf: URIRef  # is part of
    knowledge: URIRef  # knowledge
    knowledgeStatement: URIRef  # knowledge statement
    legislation: URIRef  # Legislation
    listPosition: URIRef  # list position
    models: URIRef  # Models of engagement
    nccpe: URIRef  # National Co-ordinating Centre for Public Engagement
    nextPhase: URIRef  # next phase
    onFeature: URIRef  # on feature
    ontology: URIRef
    organisations: URIRef  # Organisations
    ourReading: URIRef  # our reading
    participation: URIRef  # Participation
    passageFor: URIRef  # passage for
    persuasion: URIRef  # Persuasion
    phaseNumber: URIRef  # phase number
    prevention: URIRef  # Prevention
    previousPhase: URIRef  # previous phase
    protection: URIRef  # Protection
    purpose: URIRef  # purpose
    question: URIRef  # question
    questionOrder: URIRef  # question order
    quote: URIRef  # quote
    quotedSource: URIRef  # quoted source
    referencedIn: URIRef  # referenced in
    requiresValue: URIRef  # requires value
    sharesLessPowerThan: URIRef  # shares less power than
    sharesMorePowerThan: URIRef  # shares more power than
    spectrumPosition: URIRef  # spectrum position
    straddles: URIRef  # straddles
    strengthens: URIRef  # strengthens
    supports: URIRef  # supports
    underpinnedBy: URIRef  # underpinned by
    underpins: URIRef  # underpins
    usefulDuring: URIRef  # useful during
    whoActs: URIRef  # who acts
    whoDecides: URIRef  # who decides

    _extras = [  # noqa: RUF012 (rdflib's DefinedNamespace API)
        "action-by-both",
        "action-enacted-by-organisation",
        "action-enforced-by-organisation",
        "agent-co-production-network-for-wales",
        "agent-copro-kg",
        "appreciative-approaches",
        "appreciative-inquiry",
        "arnstein-citizen-control",
        "arnstein-citizen-power",
        "arnstein-consultation",
        "arnstein-delegated-power",
        "arnstein-informing",
        "arnstein-ladder-scheme",
        "arnstein-manipulation",
        "arnstein-nonparticipation",
        "arnstein-partnership",
        "arnstein-placation",
        "arnstein-therapy",
        "arnstein-tokenism",
        "arnsteins-ladder",
        "asset-based-approaches",
        "asset-based-community-development",
        "asset-based-service-design",
        "audience-citizens",
        "audience-organisations",
        "children-and-young-peoples-national-participation-standards",
        "childrens-rights-based-work",
        "citizens-assemblies",
        "co-decision-making",
        "co-delivery",
        "co-design",
        "co-evaluation",
        "co-planning",
        "co-production",
        "co-production-lab-wales",
        "co-production-network-for-wales",
        "co-productive-approaches",
        "co-productive-research",
        "communication-one-way",
        "communication-responses-sought",
        "communication-two-way",
        "community-based-participatory-design",
        "community-engagement",
        "criterion-co-production-audience",
        "criterion-co-production-decisions",
        "criterion-co-production-values",
        "criterion-co-productive-approach-values",
        "criterion-coercion-purpose",
        "criterion-community-engagement-audience",
        "criterion-complete-cycle",
        "criterion-consultation-communication",
        "criterion-doing-for-action",
        "criterion-doing-for-decisions",
        "criterion-doing-to-action",
        "criterion-doing-to-decisions",
        "criterion-doing-with-action",
        "criterion-doing-with-decisions",
        "criterion-education-purpose",
        "criterion-information-communication",
        "criterion-involvement-action",
        "criterion-involvement-decisions",
        "criterion-participation-communication",
        "criterion-persuasion-purpose",
        "criterion-problem-solving",
        "criterion-protection-purpose",
        "criterion-research-start-to-end",
        "criterion-stakeholder-engagement-audience",
        "decisions-by-organisation",
        "decisions-together",
        "design-charrettes",
        "design-justice",
        "developmental-evaluation",
        "distinction-co-design-not-co-production",
        "distinction-co-production-not-participation",
        "distinction-co-production-not-qualitative-research",
        "distinction-co-productive-approaches-not-co-production",
        "distinction-consultation-not-information",
        "distinction-consultation-not-participation",
        "distinction-information-not-consultation",
        "distinction-involvement-not-always-co-production",
        "distinction-involvement-not-consultation",
        "distinction-participation-not-co-production",
        "distinction-participation-not-consultation",
        "distinction-public-engagement-in-research-not-co-productive-research",
        "distinction-qualitative-research-not-co-production",
        "distinction-stakeholder-engagement-not-community-engagement",
        "doing-for",
        "doing-to",
        "doing-with",
        "engagement-spectrum",
        "example-bin-collection-information",
        "example-council-budget-survey",
        "example-criminal-justice",
        "example-drop-in-event",
        "example-fixmystreet",
        "example-focus-group",
        "example-government-policy-consultation",
        "example-news",
        "example-online-comments-on-draft-plans",
        "example-person-centred-care",
        "example-public-announcement",
        "example-safeguarding",
        "example-shared-decision-making",
        "example-smoking-cessation-programme",
        "example-survey",
        "example-survey-with-co-productive-approach",
        "example-urban-planning",
        "five-ways-of-working",
        "forum-theatre",
        "glossary-deprecated",
        "good-practice-guidance",
        "good-practice-guidance-collection",
        "human-rights-based-work",
        "iap2-collaborate",
        "iap2-consult",
        "iap2-empower",
        "iap2-inform",
        "iap2-involve",
        "iap2-spectrum-scheme",
        "inclusive-co-design",
        "innovation-approaches",
        "knowledge-held-by-organisation",
        "knowledge-of-people-heard",
        "knowledge-shared",
        "legislation-collection",
        "local-area-coordination",
        "long-term",
        "models-collection",
        "national-principles-for-public-engagement-in-wales",
        "nihr-involve",
        "office-of-the-future-generations-commissioner-for-wales",
        "ontology/0.1.0",
        "ontology/0.2.0",
        "ontology/deprecated",
        "ontology/evidence",
        "ontology/examples",
        "ontology/glossary",
        "ontology/history",
        "ontology/mappings",
        "ontology/shapes",
        "ontology/skos-axioms",
        "ontology/skos-integrity",
        "ontology/spectrum",
        "organisations-collection",
        "outcomes-based-commissioning",
        "participative-public-engagement",
        "participatory-budgeting",
        "passage-building-knowledge",
        "passage-self-selecting-participants",
        "passage-solving-challenges-together",
        "person-centred-approaches",
        "psychologically-informed-approaches",
        "public-engagement-in-research",
        "purpose-change-behaviour",
        "purpose-ensure-safety",
        "qualitative-research",
        "related-approaches",
        "related-approaches-collection",
        "relational-approaches",
        "social-services-and-well-being-wales-act-2014",
        "stakeholder-engagement",
        "systems-thinking",
        "tlap-co-design",
        "tlap-co-production",
        "tlap-coercion",
        "tlap-consultation",
        "tlap-educating",
        "tlap-engagement",
        "tlap-informing",
        "tlap-ladder-scheme",
        "tlaps-ladder",
        "value-building-trusted-relationships",
        "value-doing-what-matters",
        "value-enabling-change-makers",
        "value-valuing-all-participants",
        "value-working-in-networks",
        "values-of-co-production",
        "voluntary-sector",
        "well-being-of-future-generations-wales-act-2015",
    ]
    # --- end generated terms ---


# Typed as the metaclass, so that type checkers read ``COPRO["co-design"]`` as an item lookup
# (returning a URIRef), not as a generic type alias of a class.
COPRO: _ClosedNamespaceMeta = _Copro
"""The closed copro namespace (see the module docstring)."""


ISOTHES = Namespace(PREFIX_IRIS["iso-thes"])

PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}
"""Prefixes predeclared in queries and bound on every graph copro_kg returns."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind :data:`PREFIXES` on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def is_copro_term(node: object) -> bool:
    """Whether ``node`` is an IRI of a term the ontology defines or uses.

    >>> is_copro_term(URIRef(BASE + "co-design")), is_copro_term(URIRef(BASE + "nothing"))
    (True, False)
    """
    return isinstance(node, URIRef) and str(node).startswith(BASE) and node in COPRO
