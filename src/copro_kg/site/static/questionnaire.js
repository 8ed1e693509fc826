/* "Where does my activity sit?": looks the answers up in the outcome table that
 * copro-kg computed at build time by running the reasoner over every combination of
 * answers (so the rules live in the ontology only, never in this file).
 * The table is inline JSON (id="q-data"); results are built with textContent only. */
(function () {
  "use strict";
  var form = document.getElementById("questionnaire");
  var dataNode = document.getElementById("q-data");
  var msgNode = document.getElementById("q-messages");
  var result = document.getElementById("q-result");
  var body = document.getElementById("q-result-body");
  if (!form || !dataNode || !msgNode || !result || !body) { return; }
  var data = JSON.parse(dataNode.textContent);
  var msg = JSON.parse(msgNode.textContent);

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }
  function termLink(slug, label) {
    var term = data.terms[slug] || { slug: slug, label: label || slug };
    var a = el("a", label || term.label);
    a.href = "terms/" + encodeURIComponent(term.slug) + ".html";
    return a;
  }
  /* A catalogue sentence whose one {placeholder} becomes a node (a link). */
  function sentence(tag, template, node, className) {
    var p = el(tag, null, className);
    var parts = template.split(/\{\w+\}/);
    p.appendChild(document.createTextNode(parts[0]));
    p.appendChild(node);
    if (parts.length > 1) { p.appendChild(document.createTextNode(parts[1])); }
    return p;
  }
  function linkList(slugs) {
    var ul = el("ul", null, "bullets");
    slugs.forEach(function (slug) {
      var li = el("li");
      li.appendChild(termLink(slug));
      ul.appendChild(li);
    });
    return ul;
  }

  function show(outcome) {
    body.textContent = "";
    outcome = outcome || {};
    if (outcome.conflict) {
      body.appendChild(el("p", msg.conflict));
    } else if (!outcome.place && !outcome.candidates) {
      body.appendChild(el("p", msg.none));
    } else {
      if (outcome.place) {
        var strong = el("strong");
        strong.appendChild(outcome.place.slug
          ? termLink(outcome.place.slug, outcome.place.label)
          : el("span", outcome.place.label));
        body.appendChild(sentence("p", msg.level, strong, "result-level"));
      }
      if (outcome.group) {
        body.appendChild(sentence("p", msg.group, termLink(outcome.group), "result-group"));
      }
      if (outcome.candidates && outcome.candidates.length) {
        body.appendChild(el("p", msg.candidates));
        body.appendChild(linkList(outcome.candidates));
      }
      if (outcome.why && outcome.why.length) {
        body.appendChild(el("h3", msg.why));
        var ul = el("ul", null, "why-list");
        outcome.why.forEach(function (reason) {
          var li = el("li");
          li.appendChild(el("span", reason.question, "why-question"));
          li.appendChild(el("span", msg.answer.replace("{answer}", reason.answer), "why-feature"));
          reason.quotes.forEach(function (quote) {
            var figure = el("figure", null, "why-quote");
            var block = el("blockquote", null, "quote small");
            block.appendChild(el("p", quote.text));
            figure.appendChild(block);
            figure.appendChild(el("figcaption", msg.from.replace("{term}", quote.term), "why-source"));
            li.appendChild(figure);
          });
          ul.appendChild(li);
        });
        body.appendChild(ul);
      }
      if (outcome.read && outcome.read.length) {
        body.appendChild(el("h3", msg.read));
        body.appendChild(linkList(outcome.read));
      }
    }
    result.hidden = false;
    result.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var key = data.questions.map(function (q) {
      var checked = form.querySelector('input[name="' + q.key + '"]:checked');
      return checked ? checked.value : "";
    }).join("|");
    show(data.outcomes[key]);
  });
}());
