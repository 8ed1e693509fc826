"""The glossary site's interface strings: the catalogue a translator works through.

Every word the site says of its own (headings, buttons, help text, the page scripts'
sentences) is an entry here and nowhere else, so a translation is one file. It is a data
table, not code (tests/test_architecture.py lets it grow past the module limit for that
reason); :mod:`copro_kg.site.messages` looks entries up and fills their placeholders.

English is complete. A Welsh entry exists only where the wording is verified in a
primary source (``shared/research/domain.md`` section 1, status "verified"), and
:data:`VERIFIED_WELSH_SOURCES` names that source; everything else falls back to English.
The glossary has no Welsh edition yet ("under way", says the Network), so its own title
and the interface stay English until one is published.

>>> MESSAGES["org_name"]["cy"]
'Rhwydwaith Cydgynhyrchu Cymru'
"""

from __future__ import annotations

from typing import Final

__all__ = ["MESSAGES", "VERIFIED_WELSH_SOURCES"]

MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Names: the only entries with a verified Welsh form.
    "org_name": {
        "en": "Co-production Network for Wales",
        "cy": "Rhwydwaith Cydgynhyrchu Cymru",
    },
    "site_title": {"en": "Engagement and co-production glossary"},
    "site_tagline": {
        "en": "Plain-language definitions of engagement terms used in Welsh public services, "
        "with the reasons behind each one.",
    },
    # Navigation and page furniture.
    "skip_link": {"en": "Skip to main content"},
    "nav_label": {"en": "Main"},
    "nav_home": {"en": "Home"},
    "nav_az": {"en": "A to Z"},
    "nav_spectrum": {"en": "Spectrum"},
    "nav_cycle": {"en": "Co-production cycle"},
    "nav_questionnaire": {"en": "Where does my activity sit?"},
    "nav_search": {"en": "Search"},
    "nav_ask": {"en": "Query the data (SPARQL)"},
    "nav_changes": {"en": "What changed"},
    "footer_changes": {"en": "Release by release:"},
    "breadcrumb_label": {"en": "Breadcrumb"},
    "footer_source": {
        "en": "Definitions, quotes and examples are from the Co-production Network for Wales' "
        "“Engagement and co-production glossary”. Links to Arnstein's ladder, the TLAP ladder "
        "and the IAP2 spectrum, and the Welsh labels, are added by copro-kg and say where "
        "they come from.",
    },
    "footer_generated": {"en": "Generated from the copro-kg knowledge graph"},
    "footer_accessibility": {"en": "Accessibility statement"},
    "footer_analysts": {"en": "For analysts:"},
    "a11y_title": {"en": "Accessibility statement"},
    "footer_offline": {
        "en": "This site works offline: every page, script and style is in its folder."
    },
    # Search.
    "search_label": {"en": "Search the glossary"},
    "search_hint": {
        "en": "Matches terms, other names for them, their examples, quotes and definitions.",
    },
    "search_button": {"en": "Search"},
    "search_title": {"en": "Search"},
    "search_no_results": {
        "en": "No terms match “{query}”. Try a shorter word, or browse the A to Z."
    },
    "search_results_one": {"en": "1 term matches “{query}”."},
    "search_results_many": {"en": "{count} terms match “{query}”."},
    "search_empty": {"en": "Type a word to search, for example “consultation”."},
    "search_needs_js": {
        "en": "Search needs JavaScript. Every term is also listed in the A to Z.",
    },
    "search_also_called": {"en": "Also called"},
    # Home page.
    "home_intro": {
        "en": "A number of terms are used in the field of engagement, often interchangeably, "
        "and with different meanings depending on who is using them. This site sets out what "
        "the Co-production Network for Wales means by each one, how to tell them apart, "
        "and where your own activity sits.",
    },
    "home_start": {"en": "Start here"},
    "home_card_az": {"en": "Browse every term, from A to Z."},
    "home_card_spectrum": {
        "en": "See engagement as a spectrum: doing to, doing for, doing with.",
    },
    "home_card_cycle": {"en": "Follow the phases of a complete co-production process."},
    "home_card_questionnaire": {
        "en": "Answer a few questions and see where your activity sits on the spectrum, and why.",
    },
    "home_term_count": {"en": "{count} terms"},
    # A to Z.
    "az_title": {"en": "All terms, A to Z"},
    "az_intro": {"en": "Every term in the glossary, with other names it is known by."},
    "az_letters": {"en": "Jump to a letter"},
    "az_see": {"en": "see"},
    # Term page.
    "term_kind": {"en": "Glossary term"},
    # The release history (copro_kg.site.changes): changes.html and the term pages.
    "term_deprecated": {
        "en": "This term was deprecated; it is kept so that links to it still work."
    },
    "term_deprecated_see": {"en": "Use instead:"},
    "term_new_in": {"en": "New in release {version}."},
    "term_changed_in": {"en": "Changed in release {versions}."},
    "term_unreleased_new": {"en": "New since the last release (not released yet)."},
    "term_unreleased_changed": {"en": "Changed since the last release (not released yet)."},
    "changes_title": {"en": "What changed"},
    "changes_intro": {
        "en": "The glossary's data changes release by release; nothing is deleted: a term "
        "that is replaced is deprecated and points to its replacement. Newest first. The "
        "same list for taxonomy tools is changes.json (the shape of Skosmos's /new)."
    },
    "changes_release": {"en": "Release {version}, {date}"},
    "changes_unreleased": {"en": "Not released yet ({version})"},
    "changes_first": {"en": "The first release: {count} concepts."},
    "changes_new": {"en": "New"},
    "changes_deprecated": {"en": "Deprecated"},
    "changes_changed": {"en": "Changed"},
    "changes_deleted": {"en": "Deleted"},
    "changes_replaced_by": {"en": "replaced by"},
    "changes_none": {"en": "No release has been recorded yet."},
    "changes_json": {"en": "The change list as JSON (Skosmos /new)"},
    "term_other_model": {"en": "From another model: {scheme}. Not a glossary term."},
    "term_welsh": {"en": "Welsh"},
    "term_also_called": {"en": "Also called"},
    "term_definition": {"en": "Definition"},
    "term_source": {"en": "Source"},
    "term_how_we_know": {"en": "How we know it's {label}"},
    "term_not_prefix": {"en": "It's not"},
    "term_not_suffix": {"en": "because"},
    "term_differs_from": {"en": "How it differs from"},
    "term_section": {"en": "section “{section}”"},
    "spectrum_position": {
        "en": "Column {position} of {total} in the glossary's figure.",
    },
    "spectrum_position_ours": {
        "en": "Our reading of the figure's layout: the glossary orders the groups (doing to, "
        "doing for, doing with), not the levels inside a group.",
    },
    "term_criteria": {"en": "What marks it out"},
    "term_our_reading": {"en": "Our reading, not the glossary's words"},
    "term_ours_tag": {"en": "our reading"},
    "term_ours_kind_tag": {"en": "added by copro-kg"},
    "term_more_power": {"en": "Shares more power than"},
    "term_levels": {"en": "Levels in this group"},
    "term_less_power": {"en": "Shares less power than"},
    "term_distinctions": {"en": "How it differs from other terms"},
    "term_quotes": {"en": "In their own words"},
    "term_examples": {"en": "Examples"},
    "term_notes": {"en": "Notes"},
    "term_spectrum": {"en": "On the spectrum"},
    "term_relations": {"en": "Related terms"},
    "term_broader_generic": {"en": "A kind of"},
    "term_narrower_generic": {"en": "Kinds of {label}"},
    "term_broader_partitive": {"en": "Part of"},
    "term_narrower_partitive": {"en": "Parts of {label}"},
    "term_related": {"en": "Related"},
    "term_broader_other": {"en": "Broader"},
    "term_narrower_other": {"en": "Narrower than {label}"},
    "term_mappings": {"en": "Similar ideas in other models"},
    "term_mappings_ours": {
        "en": "These links are added by copro-kg, not made by the glossary. Each one names "
        "its source.",
    },
    "term_inferred": {"en": "inferred"},
    "term_inferred_note": {
        "en": "Links marked “inferred” are not written in the glossary data: copro-kg worked "
        "them out from the links that are. Open “Why?” to see from which.",
    },
    "term_why": {"en": "Why?"},
    "term_why_stated": {"en": "Worked out from these links in the glossary data:"},
    "term_why_none": {"en": "Worked out from how the glossary's kinds of link relate."},
    "term_technical": {"en": "Technical detail"},
    "term_focus_graph": {"en": "This term and its neighbours"},
    "term_focus_graph_title": {"en": "Graph of {label} and the terms linked to it"},
    "term_graph_text": {"en": "The same links as a list"},
    "term_no_relations": {"en": "No links to other terms."},
    "term_iri": {"en": "Identifier"},
    "term_cite": {"en": "Cite this term"},
    "term_cite_copy": {"en": "Copy the citation"},
    "term_cite_copied": {"en": "Citation copied."},
    "copy_failed": {"en": "Could not copy: select the text and copy it."},
    "term_suggest": {"en": "Suggest a change to this term"},
    "term_passages": {"en": "From the glossary: planning an activity with people"},
    "term_passages_intro": {
        "en": "The glossary's own advice for whoever plans this kind of activity, quoted in full "
        "under its heading.",
    },
    "term_passage_with": {"en": "Read with"},
    "term_cycle": {"en": "In the co-production cycle"},
    "term_cycle_phase": {"en": "Phase {number} of the cycle."},
    "term_cycle_next": {"en": "Next"},
    "term_cycle_previous": {"en": "Comes after"},
    "search_matched": {"en": "Found in {field}"},
    "search_field_label": {"en": "its name"},
    "search_field_alt": {"en": "another name"},
    "search_field_example": {"en": "an example"},
    "search_field_quote": {"en": "a quote"},
    "search_field_definition": {"en": "the definition"},
    "search_field_note": {"en": "the glossary's text"},
    # Mapping relation names (SKOS mapping properties, in words).
    "rel_exactMatch": {"en": "the same as"},
    "rel_closeMatch": {"en": "close to"},
    "rel_broadMatch": {"en": "broader: falls under"},
    "rel_narrowMatch": {"en": "narrower: includes"},
    "rel_relatedMatch": {"en": "related to"},
    # Spectrum and cycle pages.
    "spectrum_title": {"en": "Engagement as a spectrum"},
    "spectrum_intro": {
        "en": "The glossary arranges kinds of engagement from doing things to people, through "
        "doing things for people, to doing things with people.",
    },
    "spectrum_graph_title": {"en": "Interactive graph of the engagement spectrum"},
    "spectrum_text": {"en": "The spectrum as a list"},
    "spectrum_group": {"en": "Doing {group}"},
    "cycle_title": {"en": "The co-production cycle"},
    "cycle_intro": {
        "en": "A complete co-production process is a cycle of phases. Achieving results in "
        "some phases is a legitimate co-productive approach.",
    },
    "cycle_graph_title": {"en": "Interactive graph of the co-production cycle"},
    "cycle_text": {"en": "The cycle as a list"},
    "cycle_then": {"en": "then"},
    "cycle_back": {"en": "and back to the start"},
    "graph_help": {
        "en": "The graph is interactive: drag to move, scroll to zoom. Everything in it is "
        "also in the list below.",
    },
    "graph_open": {"en": "Open the graph on its own page"},
    "graph_download": {"en": "Download this picture (SVG)"},
    "graph_download_note": {
        "en": "for a report or a slide: 160 mm wide, its text at least 9 pt, with its source.",
    },
    # The printed glossary (print.html, copro-kg print).
    "print_link": {"en": "The whole glossary as one document, to print or save as PDF"},
    "print_title": {"en": "Engagement and co-production glossary"},
    "print_edition": {"en": "Printed from copro-kg {version}."},
    "print_contents": {"en": "Contents"},
    "print_terms": {"en": "Terms, A to Z"},
    "print_picture_alt": {"en": "the same as the list that follows it."},
    "print_how_to_read": {
        "en": "The glossary's own words (definitions, criteria, quotes, examples) are "
        "printed as on each term's page, with their source. What copro-kg adds (links to "
        "other models, Welsh labels, links worked out from the glossary's) is marked as ours.",
    },
    # Questionnaire.
    "q_title": {"en": "Where does my activity sit?"},
    "q_intro": {
        "en": "Answer the questions about one activity, for example a survey, a workshop or a "
        "project. The answers are checked against the glossary's own criteria, and you will "
        "see where the activity sits on the spectrum and why. Nothing you enter leaves "
        "this page.",
    },
    "q_unknown": {"en": "Not sure"},
    "q_submit": {"en": "Show where it sits"},
    "q_result": {"en": "Result"},
    "q_result_level": {"en": "Your activity sits at: {label}"},
    "q_result_group": {"en": "That is part of {group}."},
    "q_result_test": {
        "en": "From your answers, your activity is doing with. It is {label} only if the "
        "glossary's own test holds, which answers about features cannot show:",
    },
    "q_result_ours": {"en": "Our reading, not the glossary's words: "},
    "q_result_none": {
        "en": "These answers are not enough to place the activity. Start with who makes "
        "the decisions and who acts on them.",
    },
    "q_result_candidates": {
        "en": "The glossary's criteria you answered do not tell these apart; it is one of:",
    },
    "q_result_conflict": {
        "en": "These answers do not go together by the glossary's own criteria:",
    },
    "q_result_conflict_with": {"en": "With “{answers}”, the activity would be: {places}."},
    "q_result_conflict_but": {"en": "But you answered “{answer}”."},
    "q_result_phase": {"en": "Your activity fits a phase of the co-production cycle: {label}"},
    "q_result_caveat": {"en": "What the glossary says about this phase"},
    "q_result_elimination": {
        "en": "It is the only place on the spectrum that your answers leave open.",
    },
    "q_result_question": {"en": "The question that decides: {question}"},
    "q_result_if": {"en": "If the answer is “{answer}”: {places}"},
    "q_result_follows": {"en": "This follows from your answers: {answer}"},
    "q_result_planning": {"en": "Planning this with people? The glossary on"},
    "q_result_status": {"en": "Result shown below the questions."},
    "q_multiple": {"en": "Choose all that apply, or none if you are not sure."},
    "q_your_answers": {"en": "Your answers"},
    "q_link": {"en": "Link to these answers"},
    "q_link_hint": {
        "en": "Send it to a colleague: it opens this page with the same answers and result. "
        "The answers are in the link itself; nothing is stored or sent anywhere.",
    },
    "q_copy": {"en": "Copy the link"},
    "q_link_copied": {"en": "Link copied."},
    "q_print": {"en": "Print this result"},
    "q_link_print": {"en": "Reopen these answers:"},
    "q_card_source": {
        "en": "Quotes from the Co-production Network for Wales' “Engagement and co-production "
        "glossary”; placed by copro-kg {version}.",
    },
    "q_result_why": {"en": "Why: the glossary's criteria your answers meet"},
    "q_result_from": {"en": "The glossary, on {term}"},
    "q_result_answer": {"en": "You answered: {answer}"},
    "q_result_read": {"en": "Read more in the glossary"},
    "q_needs_js": {
        "en": "The questionnaire needs JavaScript to show its result. The spectrum page lists "
        "the criteria for each level.",
    },
    "q_answers_incomplete": {"en": "Answer at least one question."},
    "q_unavailable": {
        "en": "The questionnaire is not available: the graph has no classification criteria "
        "(feature properties) yet.",
    },
    # "Ask a question" (copro_kg.site.ask); ask_js_* are the page script's sentences.
    "ask_title": {"en": "Query the glossary's data in SPARQL"},
    "ask_intro": {
        "en": "Ask in SPARQL, the query language of linked data, or start from one of the "
        "glossary's own questions below. The query runs here, in your browser: nothing is "
        "sent anywhere, and the page works offline.",
    },
    "ask_needs_js": {
        "en": "Running queries needs JavaScript and WebAssembly. The questions below are also "
        "answered by the command line: copro-kg query NAME.",
    },
    "ask_editor_label": {"en": "Your query (SPARQL)"},
    "ask_editor_hint": {
        "en": "Declared for you: the prefixes {prefixes}. Ctrl+Enter runs the query; Tab "
        "leaves the box.",
    },
    "ask_inferred": {"en": "Include what the reasoner concluded (inferred triples)"},
    "ask_inferred_hint": {
        "en": "Untick to query only what the glossary and your data state. Both are also "
        "named graphs: {asserted} and {inferred}.",
    },
    "ask_limit": {"en": "Stop a query after"},
    "ask_seconds": {"en": "{n} seconds"},
    "ask_run": {"en": "Run query"},
    "ask_stop": {"en": "Stop"},
    "ask_answer": {"en": "Answer"},
    "ask_examples": {"en": "Questions the glossary answers"},
    "ask_examples_intro": {
        "en": "Each button puts one of copro-kg's library queries (queries/NAME.rq) in the "
        "box and runs it; copro-kg query NAME gives the same answers.",
    },
    "ask_passage": {"en": "From the glossary:"},
    "ask_needs_reasoning": {"en": "Uses the reasoner's conclusions."},
    "ask_engine": {
        "en": "Queries run in Oxigraph {version} (MIT or Apache-2.0 licence), shipped with "
        "this site.",
    },
    "ask_js_loading": {"en": "Loading the query engine…"},
    "ask_js_ready": {"en": "Ready: {count} triples loaded."},
    "ask_js_running": {"en": "Running the query…"},
    "ask_js_failed": {"en": "The query engine could not start: {message}"},
    "ask_js_stopped": {
        "en": "The query ran for more than {seconds} seconds and was stopped. A fresh engine "
        "has started: narrow the query (add a LIMIT, or join its patterns) and run it again.",
    },
    "ask_js_cancelled": {"en": "The query was stopped. A fresh engine has started."},
    "ask_js_error": {"en": "The query could not run"},
    "ask_js_error_at": {"en": "Line {line}, column {column}"},
    "ask_js_goto": {"en": "Go to line {line}, column {column} in the query"},
    "ask_js_rows_one": {"en": "1 answer ({ms} ms)."},
    "ask_js_rows_many": {"en": "{n} answers ({ms} ms)."},
    "ask_js_rows_none": {"en": "No answers ({ms} ms)."},
    "ask_js_triples": {"en": "{n} triples ({ms} ms)."},
    "ask_js_truncated": {"en": "Showing the first {shown}; the downloads hold all {n}."},
    "ask_js_yes": {"en": "Yes"},
    "ask_js_no": {"en": "No"},
    "ask_js_caption": {"en": "Answers to your query"},
    "ask_js_subject": {"en": "Subject"},
    "ask_js_predicate": {"en": "Predicate"},
    "ask_js_object": {"en": "Object"},
    "ask_js_blank": {"en": "(blank node)"},
    "ask_js_csv": {"en": "Download CSV"},
    "ask_js_json": {"en": "Download JSON"},
    "ask_js_nt": {"en": "Download N-Triples"},
    # Generic.
    "page_not_in_glossary": {"en": "Added from your data (not in the glossary)"},
}
"""Message id -> language -> text. English is complete; ``cy`` only where verified."""

VERIFIED_WELSH_SOURCES: Final[dict[str, str]] = {
    "org_name": "https://copronet.wales/cy/privacy-policy/",
}
"""Where each Welsh entry of :data:`MESSAGES` was verified (domain.md section 1a)."""
