/* "Where does my activity sit?": looks the answers up in the table that copro-kg
 * computed at build time with the placement `copro-kg classify` uses, for every
 * combination of answers (so the rules live in the ontology only, never in this file).
 * The table is inline JSON (id="q-data"): data.outcomes maps the answers' key to an
 * index into data.results. Results are built with textContent only.
 *
 * The answers live in the page's address, after "#" (questionnaire.html#answers=
 * decisions-together,action-by-both): a browser never sends that part to any server,
 * so a link shares the answers and reopens the same result, and nothing leaves the
 * page. The result card lists the answers and the link, and prints on its own. */
(function () {
  "use strict";
  var form = document.getElementById("questionnaire");
  var dataNode = document.getElementById("q-data");
  var msgNode = document.getElementById("q-messages");
  var result = document.getElementById("q-result");
  var body = document.getElementById("q-result-body");
  var status = document.getElementById("q-status");
  if (!form || !dataNode || !msgNode || !result || !body) { return; }
  var data = JSON.parse(dataNode.textContent);
  var shareBox = document.getElementById("q-share");
  var linkNode = document.getElementById("q-link");
  var printLink = document.getElementById("q-link-print");
  var answersNode = document.getElementById("q-answers");
  var msg = JSON.parse(msgNode.textContent);
  var questions = {};
  data.questions.forEach(function (q) { questions[q.key] = q; });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return values[name] !== undefined ? values[name] : all;
    });
  }
  function placeLabel(id) { return (data.places[id] || { label: id }).label; }
  /* A place (or any term page) as a link when it has a page, else as text. */
  function placeNode(id, label) {
    var place = data.places[id] || { label: label || id, page: null };
    if (!place.page) { return el("span", label || place.label); }
    var a = el("a", label || place.label);
    a.href = "terms/" + encodeURIComponent(place.page) + ".html";
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
  function linkList(ids) {
    var ul = el("ul", null, "bullets");
    ids.forEach(function (id) {
      var li = el("li");
      li.appendChild(placeNode(id));
      ul.appendChild(li);
    });
    return ul;
  }
  function answerText(pair) {
    var q = questions[pair[0]];
    return q ? (q.labels[pair[1]] || pair[1]) : pair[1];
  }
  function quote(text, className) {
    var block = el("blockquote", null, className || "quote small");
    block.appendChild(el("p", text));
    return block;
  }

  function showConflicts(conflicts) {
    body.appendChild(el("p", msg.conflict, "result-level"));
    var ul = el("ul", null, "why-list");
    conflicts.forEach(function (c) {
      var li = el("li");
      var given = c.given.map(answerText).join("; ");
      li.appendChild(el("p", fill(msg.conflict_with, {
        answers: given, places: c.fits.map(placeLabel).join(", ")
      })));
      if (c.quote) { li.appendChild(quote(c.quote)); }
      li.appendChild(el("p", fill(msg.conflict_but, { answer: answerText(c.against) }),
        "why-feature"));
      if (c.against_quote) { li.appendChild(quote(c.against_quote)); }
      ul.appendChild(li);
    });
    body.appendChild(ul);
  }

  function showQuestion(question) {
    body.appendChild(el("h3", fill(msg.question, { question: question.text })));
    var ul = el("ul", null, "bullets");
    question.options.forEach(function (option) {
      ul.appendChild(el("li", fill(msg["if"], {
        answer: option.label, places: option.leads_to.map(placeLabel).join(", ")
      })));
    });
    body.appendChild(ul);
  }

  function showWhy(why) {
    body.appendChild(el("h3", msg.why));
    var ul = el("ul", null, "why-list");
    why.forEach(function (reason) {
      var li = el("li");
      li.appendChild(el("span", reason.question, "why-question"));
      li.appendChild(el("span", msg.answer.replace("{answer}", reason.answer), "why-feature"));
      reason.quotes.forEach(function (q) {
        var figure = el("figure", null, "why-quote");
        if (q.ours) {
          figure.appendChild(el("p", msg.ours + q.ours, "ours-note"));
        } else {
          figure.appendChild(quote(q.text));
        }
        figure.appendChild(el("figcaption", msg.from.replace("{term}", q.term), "why-source"));
        li.appendChild(figure);
      });
      ul.appendChild(li);
    });
    body.appendChild(ul);
  }

  function show(outcome) {
    body.textContent = "";
    outcome = outcome || {};
    if (outcome.conflicts) {
      showConflicts(outcome.conflicts);
    } else if (!outcome.place && !outcome.candidates) {
      body.appendChild(el("p", msg.none));
    } else {
      if (outcome.place) {
        var strong = el("strong");
        strong.appendChild(placeNode(outcome.place.id, outcome.place.label));
        var template = outcome.place.kind === "phase" ? msg.phase : msg.level;
        if (outcome.test) { template = msg.test; }
        body.appendChild(sentence("p", template, strong, "result-level"));
        (outcome.test || []).forEach(function (t) {
          body.appendChild(quote(t.text, "quote small glossary-test"));
          if (t.items.length) {
            var items = el("ul", null, "bullets");
            t.items.forEach(function (item) { items.appendChild(el("li", item)); });
            body.appendChild(items);
          }
        });
        if (outcome.place.by_elimination) { body.appendChild(el("p", msg.elimination)); }
      }
      if (outcome.caveats && outcome.caveats.length) {
        body.appendChild(el("h3", msg.caveat));
        outcome.caveats.forEach(function (text) { body.appendChild(quote(text)); });
      }
      if (outcome.group) {
        body.appendChild(sentence("p", msg.group, placeNode(outcome.group), "result-group"));
      }
      if (outcome.candidates && outcome.candidates.length) {
        body.appendChild(el("p", msg.candidates));
        body.appendChild(linkList(outcome.candidates));
      }
      if (outcome.question) { showQuestion(outcome.question); }
      (outcome.follows || []).forEach(function (f) {
        body.appendChild(el("p", fill(msg.follows, { answer: answerText(f.answer) })));
        body.appendChild(quote(f.quote));
      });
      if (outcome.why && outcome.why.length) { showWhy(outcome.why); }
      if (outcome.planning && outcome.planning.length) {
        /* Links to the glossary's planning passages: on screen only, like "Read more". */
        body.appendChild(el("h3", msg.planning, "q-screen-only"));
        var ul = el("ul", null, "bullets q-screen-only");
        outcome.planning.forEach(function (p) {
          var li = el("li");
          var a = el("a", p.heading + (p.label !== p.heading ? " (" + p.label + ")" : ""));
          a.href = "terms/" + encodeURIComponent(p.slug) + ".html";
          li.appendChild(a);
          ul.appendChild(li);
        });
        body.appendChild(ul);
      }
      if (outcome.read && outcome.read.length) {
        /* Links to follow on screen: the printed card leaves them out. */
        body.appendChild(el("h3", msg.read, "q-screen-only"));
        var read = linkList(outcome.read);
        read.classList.add("q-screen-only");
        body.appendChild(read);
      }
    }
    result.hidden = false;
    if (status) { status.textContent = msg.status; }
    result.focus();
  }

  function input(q, option) {
    return form.querySelector('input[name="' + q.key + '"][value="' + option + '"]');
  }
  function chosen(q) {
    return q.options.filter(function (option) {
      var box = input(q, option);
      return box && box.checked;
    });
  }
  /* The answers as the card shows them: each answered question and its answers. */
  function showAnswers() {
    if (!answersNode) { return; }
    answersNode.textContent = "";
    data.questions.forEach(function (q) {
      var picked = chosen(q);
      if (!picked.length) { return; }
      answersNode.appendChild(el("dt", q.text));
      answersNode.appendChild(el("dd", picked.map(function (o) { return q.labels[o]; }).join("; ")));
    });
  }
  function address() {
    var picked = [];
    data.questions.forEach(function (q) { picked = picked.concat(chosen(q)); });
    return picked.length ? "#answers=" + picked.map(encodeURIComponent).join(",") : "";
  }
  function answer(remember) {
    var key = data.questions.map(function (q) { return chosen(q).join("+"); }).join("|");
    var index = data.outcomes[key];
    var hash = address();
    if (remember) {
      /* replaceState keeps Back for leaving the page; from file:// too (same document). */
      history.replaceState(null, "", location.pathname + location.search + hash);
    }
    showAnswers();
    show(index === undefined ? null : data.results[index]);
    var link = location.href;
    if (linkNode) { linkNode.value = link; }
    if (printLink) { printLink.textContent = link; }
    if (shareBox) { shareBox.hidden = false; }
    document.documentElement.classList.add("q-has-result");
  }
  /* Answers from the address: set the inputs, then show the result. Unknown option
     keys (an older link, an edited ontology) are ignored. */
  function restore() {
    var match = /(?:^#|&)answers=([^&]*)/.exec(location.hash);
    if (!match) { return false; }
    var wanted = {};
    match[1].split(",").forEach(function (k) {
      try { wanted[decodeURIComponent(k)] = true; } catch (e) { /* not a key */ }
    });
    data.questions.forEach(function (q) {
      var any = false;
      q.options.forEach(function (option) {
        var box = input(q, option);
        if (box) { box.checked = !!wanted[option]; any = any || box.checked; }
      });
      if (!q.multiple && !any) {
        var unsure = form.querySelector('input[name="' + q.key + '"][value=""]');
        if (unsure) { unsure.checked = true; }
      }
    });
    answer(false);
    return true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    answer(true);
  });
  window.addEventListener("hashchange", restore);
  var printButton = document.getElementById("q-print");
  if (printButton) { printButton.addEventListener("click", function () { window.print(); }); }
  restore();
}());
