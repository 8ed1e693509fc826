/* copro-kg graph page: builds the vis-network graph from the JSON data block.
   Every text from the graph is set with textContent (never innerHTML), so a label such
   as <img src=x onerror=...> shows as text. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);

  function line(parent, cls, label, text) {
    if (!text) { return; }
    var p = document.createElement("p");
    p.className = cls;
    if (label) {
      var b = document.createElement("b");
      b.textContent = label + ": ";
      p.appendChild(b);
    }
    p.appendChild(document.createTextNode(text));
    parent.appendChild(p);
  }

  function nodeTooltip(n) {
    var box = document.createElement("div");
    box.className = "tip";
    var h = document.createElement("p");
    h.className = "tip-title";
    h.textContent = n.info.label;
    box.appendChild(h);
    line(box, "tip-kind", "", n.info.kindText);
    line(box, "", "Also called", n.info.altLabels);
    line(box, "", "Welsh", n.info.labelCy);
    line(box, "tip-def", "Definition", n.info.definition);
    line(box, "", "Quote", n.info.quote);
    line(box, "", "Examples", n.info.examples);
    line(box, "", "Placed on", n.info.levelText);
    line(box, "", "Source", n.info.source);
    line(box, "", "File", n.info.file);
    line(box, "tip-iri", "", n.info.iri);
    return box;
  }

  function edgeTooltip(e) {
    var box = document.createElement("div");
    box.className = "tip";
    var h = document.createElement("p");
    h.className = "tip-title";
    h.textContent = e.info.fromLabel + " \u2192 " + e.info.label + " \u2192 " + e.info.toLabel;
    box.appendChild(h);
    line(box, "", "", e.info.inferred ? "Inferred by the reasoner" : "Stated in the glossary files");
    line(box, "tip-def", "Why", e.info.explanation);
    line(box, "tip-iri", "", e.info.predicate);
    return box;
  }

  var nodeList = data.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.title = nodeTooltip(n);
    return copy;
  });
  var edgeList = data.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.title = edgeTooltip(e);
    return copy;
  });

  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var state = { stabilized: !data.options.physics.enabled, stabilizedAt: null, drawn: false, stabilizedBy: data.options.physics.enabled ? null : "fixed positions" };
  network.once("afterDrawing", function () { state.drawn = true; state.drawnAt = performance.now(); });
  function freeze(eventName) {
    if (state.stabilized) { return; }
    // Freeze the layout after the fixed number of stabilisation iterations (a fixed
    // seed and a fixed count: the same input gives the same picture), instead of
    // animating until vis decides it is still -- which a dense graph may never reach.
    network.setOptions({ physics: { enabled: false } });
    state.stabilized = true;
    state.stabilizedBy = eventName;
    state.stabilizedAt = performance.now();
  }
  network.once("stabilizationIterationsDone", function () { freeze("stabilizationIterationsDone"); });
  network.once("stabilized", function () { freeze("stabilized"); });
  if (data.fit || !data.options.physics.enabled) {
    network.once("afterDrawing", function () { network.fit({ animation: false }); });
  }

  var form = document.getElementById("search-form");
  var input = document.getElementById("search");
  var status = document.getElementById("search-status");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var wanted = input.value.trim().toLowerCase();
    if (!wanted) { return; }
    var all = nodes.get();
    var hit = all.filter(function (n) { return n.info.label.toLowerCase() === wanted; })[0] ||
      all.filter(function (n) {
        return n.info.label.toLowerCase().indexOf(wanted) >= 0 ||
          (n.info.altLabels || "").toLowerCase().indexOf(wanted) >= 0;
      })[0];
    if (!hit) {
      status.textContent = "No term matches \u201c" + input.value + "\u201d.";
      network.unselectAll();
      return;
    }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.3, animation: false });
    status.textContent = "Found: " + hit.info.label;
  });

  window.coproGraph = { network: network, nodes: nodes, edges: edges, state: state };
}());
