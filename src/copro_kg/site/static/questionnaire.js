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

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }
  function termLink(term) {
    var a = el("a", term.label);
    a.href = "terms/" + encodeURIComponent(term.slug) + ".html";
    return a;
  }

  function answers() {
    return data.questions.map(function (q) {
      var checked = form.querySelector('input[name="' + q.key + '"]:checked');
      return checked ? checked.value : "";
    });
  }

  function show(outcome) {
    body.textContent = "";
    if (outcome && outcome.level) {
      var level = data.levels[outcome.level];
      var p = el("p", null, "result-level");
      p.appendChild(document.createTextNode(say(msg.level, { label: "" })));
      var strong = el("strong");
      strong.appendChild(termLink(level));
      p.appendChild(strong);
      body.appendChild(p);
      if (level.group) {
        body.appendChild(el("p", say(msg.group, { group: level.group.label.replace(/^doing /i, "") }), "result-group"));
      }
      if (outcome.why && outcome.why.length) {
        body.appendChild(el("h3", msg.why));
        var ul = el("ul", null, "bullets");
        outcome.why.forEach(function (reason) {
          var li = el("li");
          li.appendChild(el("span", reason.text));
          if (reason.passage) {
            var q = el("blockquote", null, "quote small");
            q.appendChild(el("p", reason.passage));
            li.appendChild(q);
          }
          ul.appendChild(li);
        });
        body.appendChild(ul);
      }
      body.appendChild(el("h3", msg.read));
      var links = el("ul", null, "bullets");
      (outcome.read || [outcome.level]).forEach(function (slug) {
        var li = el("li");
        li.appendChild(termLink(data.levels[slug] || { slug: slug, label: slug }));
        links.appendChild(li);
      });
      body.appendChild(links);
    } else {
      body.appendChild(el("p", msg.none));
      if (outcome && outcome.candidates && outcome.candidates.length) {
        body.appendChild(el("p", msg.candidates));
        var cl = el("ul", null, "bullets");
        outcome.candidates.forEach(function (slug) {
          var li = el("li");
          li.appendChild(termLink(data.levels[slug]));
          cl.appendChild(li);
        });
        body.appendChild(cl);
      }
    }
    result.hidden = false;
    result.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var key = answers().join("|");
    show(data.outcomes[key]);
  });
}());
