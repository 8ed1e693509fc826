/* copro-kg graph page: builds the vis-network graph from the JSON data block.
   Every text from the graph is set with textContent (never innerHTML), so a label such
   as <img src=x onerror=...> shows as text.

   Legibility (issue 15): the page never shrinks text below MIN_TEXT CSS px to fit the
   whole graph. After the layout is final it (1) moves apart any two nodes whose drawn
   boxes overlap, using the boxes vis-network measured, (2) shows the whole graph if it
   fits at a legible zoom, else starts on a legible part (the focus, data.start) and lets
   people pan, zoom, search and expand, (3) shows link labels only where they are
   legible and do not run into each other (data.linkLabels "always"), else on hover and
   for the selected term's links. window.coproGraph is documented in docs/graphs.md. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var MIN_TEXT = 12.5;  /* CSS px of the smallest node text at first paint (>= 12) */
  var MIN_LINK_TEXT = 11.5;
  var GAP = 8;  /* canvas units kept between two node boxes */

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

  /* Words for analysts (file names, IRIs, rule codes, RDF terms) go in a part of the
     pop-up shown only while the legend's "Technical detail" switch is on (issue 30:
     practitioners see none of them without opening the technical detail). */
  function technical(box) {
    var part = document.createElement("div");
    part.className = "tip-technical";
    box.appendChild(part);
    return part;
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
    var more = technical(box);
    line(more, "tip-iri", "", n.info.curie && n.info.curie !== n.info.iri ? n.info.curie : "");
    line(more, "tip-iri", "", n.info.iri);
    line(more, "", "File", n.info.file);
    return box;
  }

  function edgeTooltip(e) {
    var box = document.createElement("div");
    box.className = "tip";
    var h = document.createElement("p");
    h.className = "tip-title";
    h.textContent = e.info.fromLabel + " \u2192 " + e.info.label + " \u2192 " + e.info.toLabel;
    box.appendChild(h);
    /* Three kinds of line: worked out (dashed), our reading (dotted: stated in copro-kg's
       data, but the glossary does not say it; issue 25), stated -- by the glossary, by
       another model's source (a ladder we map to), or by the user's own data. */
    line(box, "tip-origin", "", e.info.inferred ? "Worked out by copro-kg, not stated in the glossary data"
                            : e.info.ours ? "copro-kg\u2019s reading, not stated in the glossary"
                            : e.info.statedBy === "source" ? "Stated by its source, not the glossary: " + e.info.statedSource
                            : e.info.statedBy === "data" ? "Stated in your data, not the glossary"
                            : e.info.statedBy === "model" ? "Part of copro-kg\u2019s model, not stated in the glossary"
                                          : "Stated in the glossary data");
    line(box, "tip-def", "Why", e.info.why);
    line(box, "tip-def", "Our reason", e.info.evidence);
    line(box, "tip-def", "The glossary\u2019s words it reads", e.info.reads);
    var more = technical(box);
    line(more, "tip-derivation", "Derivation", e.info.explanation);
    line(more, "", "Evidence", e.info.evidenceSource);
    line(more, "tip-iri", "", e.info.curie && e.info.curie !== e.info.predicate ? e.info.curie : "");
    line(more, "tip-iri", "", e.info.predicate);
    return box;
  }

  var hoverLabels = data.linkLabels !== "always";
  var nodeList = data.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.title = nodeTooltip(n);
    /* Selected or hovered, a term keeps its own colours (vis-network's default blue is
       a legend colour: "doing for") and gets a thicker border (data.selectedExtra). */
    if (copy.color && typeof copy.color === "object") {
      var own = { background: copy.color.background, border: copy.color.border };
      copy.color = Object.assign({}, copy.color, { highlight: own, hover: own });
    }
    copy.borderWidthSelected = (copy.borderWidth || 1) + (data.selectedExtra || 0);
    return copy;
  });
  var edgeList = data.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.title = edgeTooltip(e);
    if (hoverLabels) { copy.label = undefined; }
    return copy;
  });
  if (data.focus) {
    /* Drawn last, so on top of anything near it (and selected below). */
    nodeList.sort(function (a, b) { return (a.id === data.focus) - (b.id === data.focus); });
  }

  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var physics = data.options.physics.enabled;
  var state = { stabilized: false, stabilizedAt: null, drawn: false, ready: false,
                stabilizedBy: physics ? null : "fixed positions", moved: 0 };

  /* --- the sections of the "all terms" view: a framed block each, under the graph -- */
  var sections = data.sections || [];
  if (sections.length) {
    network.on("beforeDrawing", function (ctx) {
      var scale = network.getScale();
      sections.forEach(function (f) {
        ctx.save();
        ctx.fillStyle = "#F7F7F4";
        ctx.strokeStyle = "#B8B8B8";
        ctx.lineWidth = 2 / scale;
        ctx.beginPath();
        if (ctx.roundRect) { ctx.roundRect(f.left, f.top, f.right - f.left, f.bottom - f.top, 16); }
        else { ctx.rect(f.left, f.top, f.right - f.left, f.bottom - f.top); }
        ctx.fill();
        ctx.stroke();
        if (f.title) {
          /* At least MIN_TEXT CSS px whatever the zoom. */
          var size = Math.max(22, (MIN_TEXT + 1.5) / scale);
          ctx.fillStyle = "#333333";
          ctx.font = "bold " + size + "px system-ui, Arial, sans-serif";
          ctx.textBaseline = "top";
          ctx.fillText(f.title, f.left + 20, f.top + 12, f.right - f.left - 40);
        }
        ctx.restore();
      });
    });
  }

  /* --- (1) no two node boxes overlap ------------------------------------------- */
  function separate() {
    var ids = nodes.getIds().filter(function (id) { return !network.body.nodes[id].options.hidden; });
    var pos = network.getPositions(ids);
    var items = ids.map(function (id) {
      var bb = network.getBoundingBox(id);
      var p = pos[id];
      return { id: id, x: p.x, y: p.y, l: p.x - bb.left + GAP / 2, r: bb.right - p.x + GAP / 2,
               t: p.y - bb.top + GAP / 2, b: bb.bottom - p.y + GAP / 2,
               pinned: id === data.focus, x0: p.x, y0: p.y };
    });
    for (var round = 0; round < 60; round++) {
      var pushed = 0;
      items.sort(function (a, b) { return (a.x - a.l) - (b.x - b.l) || (a.id < b.id ? -1 : 1); });
      for (var i = 0; i < items.length; i++) {
        var a = items[i];
        for (var j = i + 1; j < items.length; j++) {
          var b = items[j];
          if (b.x - b.l >= a.x + a.r) { break; }
          var dx = Math.min(a.x + a.r, b.x + b.r) - Math.max(a.x - a.l, b.x - b.l);
          var dy = Math.min(a.y + a.b, b.y + b.b) - Math.max(a.y - a.t, b.y - b.t);
          if (dx <= 0 || dy <= 0) { continue; }
          pushed++;
          /* Push along the shorter way out; the pinned focus never moves. */
          var share = a.pinned ? [0, 1] : b.pinned ? [1, 0] : [0.5, 0.5];
          if (dy <= dx) {
            var down = b.y > a.y || (b.y === a.y && b.id > a.id) ? 1 : -1;
            a.y -= down * dy * share[0] + down * 0.5 * share[0];
            b.y += down * dy * share[1] + down * 0.5 * share[1];
          } else {
            var right = b.x >= a.x ? 1 : -1;
            a.x -= right * dx * share[0] + right * 0.5 * share[0];
            b.x += right * dx * share[1] + right * 0.5 * share[1];
          }
        }
      }
      if (!pushed) { break; }
    }
    items.forEach(function (it) {
      if (it.x !== it.x0 || it.y !== it.y0) {
        network.moveNode(it.id, it.x, it.y);
        state.moved += 1;
      }
    });
  }

  /* --- (2) a legible first view ------------------------------------------------- */
  function smallestFont() {
    var min = Infinity;
    nodes.forEach(function (n) {
      var vn = network.body.nodes[n.id];
      if (vn && !vn.options.hidden && vn.options.label) { min = Math.min(min, vn.options.font.size); }
    });
    return min === Infinity ? 14 : min;
  }

  function extent(ids) {
    var box = null;
    ids.forEach(function (id) {
      var bb = network.getBoundingBox(id);
      if (!bb) { return; }
      if (!box) { box = { left: bb.left, right: bb.right, top: bb.top, bottom: bb.bottom }; return; }
      box.left = Math.min(box.left, bb.left); box.right = Math.max(box.right, bb.right);
      box.top = Math.min(box.top, bb.top); box.bottom = Math.max(box.bottom, bb.bottom);
    });
    return box;
  }

  function startView() {
    var width = container.clientWidth || 1, height = container.clientHeight || 1;
    var legible = MIN_TEXT / smallestFont();
    var shown = nodes.getIds().filter(function (id) { return !network.body.nodes[id].options.hidden; });
    var box = extent(shown);
    if (!box) { return; }
    sections.forEach(function (f) {  /* the frames belong to the picture too */
      box.left = Math.min(box.left, f.left); box.right = Math.max(box.right, f.right);
      box.top = Math.min(box.top, f.top); box.bottom = Math.max(box.bottom, f.bottom);
    });
    var margin = 24;
    var centre, scale;
    if (data.focus && network.body.nodes[data.focus]) {
      /* The focus in the middle, as much around it as fits legibly. */
      centre = network.getPositions([data.focus])[data.focus];
      var half = Math.max(centre.x - box.left, box.right - centre.x, 1);
      var halfY = Math.max(centre.y - box.top, box.bottom - centre.y, 1);
      scale = Math.min((width / 2 - margin) / half, (height / 2 - margin) / halfY, 1.3);
    } else {
      scale = Math.min((width - 2 * margin) / (box.right - box.left || 1),
                       (height - 2 * margin) / (box.bottom - box.top || 1), 1.3);
      centre = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
    }
    if (scale < legible) {
      scale = legible;
      var start = data.start || {};
      if (!data.focus && start.node && network.body.nodes[start.node]) {
        centre = network.getPositions([start.node])[start.node];
        if (start.anchor === "left") {  /* the node at the left edge, its tree to the right */
          var nb = network.getBoundingBox(start.node);
          centre = { x: nb.left - margin / scale + width / 2 / scale, y: centre.y };
        }
      } else if (!data.focus && start.corner === "top-left") {
        centre = { x: box.left - margin / scale + width / 2 / scale,
                   y: box.top - margin / scale + height / 2 / scale };
      }
    }
    network.moveTo({ position: centre, scale: scale, animation: false });
    if (data.focus) { network.selectNodes([data.focus]); }
    sizeLinkLabels(scale);
  }

  function sizeLinkLabels(scale) {
    if (hoverLabels) { return; }
    /* Labels drawn on every link: as large as the smallest legible size. */
    var size = Math.ceil(MIN_LINK_TEXT / scale);
    edges.forEach(function (e) {
      var font = Object.assign({}, e.font || {});
      if (!font.size || font.size < size) {
        font.size = size;
        edges.update({ id: e.id, font: font });
      }
    });
  }

  /* --- (2b) in a site's frame: the whole picture, legible, and the frame fits it ---
     Embedded in a page of the glossary site (an <iframe>), a picture opens whole
     (issue 30): every term inside the frame, none hidden by the legend, text still at
     least MIN_TEXT. Among the layouts on offer -- the view's own, the ones Python
     prepared (data.layouts: the spectrum in rows), and for a term's neighbourhood its
     neighbours in two columns or one beside it, or under it -- the first whose width fits the frame
     at a legible zoom is drawn; the drawing is as tall as it needs, and the page asks
     the site's page (static/frames.js) to make the frame that tall. */
  var framed = window.self !== window.top;
  var FRAME_MARGIN = 10;
  var LEGIBLE_FLOOR = 12;
  var COLUMN_GAP = [48, 14];  /* between the focus and a column; between two rows */

  function measured(ids) {
    var pos = network.getPositions(ids), out = {};
    ids.forEach(function (id) {
      var bb = network.getBoundingBox(id), p = pos[id];
      out[id] = { l: p.x - bb.left, r: bb.right - p.x, t: p.y - bb.top, b: bb.bottom - p.y };
    });
    return out;
  }
  function spanOf(layout, size) {
    var box = null;
    Object.keys(layout).forEach(function (id) {
      var p = layout[id], s = size[id];
      if (!s) { return; }
      var l = p.x - s.l, r = p.x + s.r, t = p.y - s.t, b = p.y + s.b;
      if (!box) { box = { left: l, right: r, top: t, bottom: b }; return; }
      box.left = Math.min(box.left, l); box.right = Math.max(box.right, r);
      box.top = Math.min(box.top, t); box.bottom = Math.max(box.bottom, b);
    });
    return box;
  }
  function stack(ids, x, size, layout) {
    var total = 0;
    ids.forEach(function (id, i) { total += size[id].t + size[id].b + (i ? COLUMN_GAP[1] : 0); });
    var y = -total / 2;
    ids.forEach(function (id) {
      y += size[id].t;
      layout[id] = { x: x, y: y };
      y += size[id].b + COLUMN_GAP[1];
    });
  }
  function columns(ids, size, count) {
    var f = data.focus, layout = {};
    layout[f] = { x: 0, y: 0 };
    var pos = network.getPositions(ids);
    var others = ids.filter(function (id) { return id !== f; });
    /* The ring's reading order: clockwise from twelve o'clock. */
    var angle = function (id) {
      return (Math.atan2(pos[id].y - pos[f].y, pos[id].x - pos[f].x) + 2.5 * Math.PI) % (2 * Math.PI);
    };
    others.sort(function (a, b) { return angle(a) - angle(b); });
    var wide = 0;
    others.forEach(function (id) { wide = Math.max(wide, size[id].l + size[id].r); });
    var right = size[f].r + COLUMN_GAP[0] + wide / 2;
    if (count === 2) {
      var half = Math.ceil(others.length / 2);
      stack(others.slice(0, half), right, size, layout);
      stack(others.slice(half), -(size[f].l + COLUMN_GAP[0] + wide / 2), size, layout);
    } else if (count === 1) {
      stack(others, right, size, layout);
    } else {  /* 0: the neighbours in one column under the focus (a phone) */
      stack(others, 0, size, layout);
      var top = Infinity;
      others.forEach(function (id) { top = Math.min(top, layout[id].y - size[id].t); });
      layout[f] = { x: 0, y: top - COLUMN_GAP[0] - size[f].b };
    }
    return layout;
  }
  function layouts(ids, size) {
    var own = {}, pos = network.getPositions(ids);
    ids.forEach(function (id) { own[id] = { x: pos[id].x, y: pos[id].y }; });
    var out = [own];
    (data.layouts || []).forEach(function (given) {
      var layout = {};
      ids.forEach(function (id) {
        var p = given[id];
        layout[id] = p ? { x: p[0], y: p[1] } : own[id];
      });
      out.push(layout);
    });
    if (data.focus && network.body.nodes[data.focus] && ids.length > 2) {
      out.push(columns(ids, size, 2), columns(ids, size, 1), columns(ids, size, 0));
    } else if (ids.length > 1) {
      /* Last resort: every term in one column, in reading order around the picture's
         middle (the cycle: its whole first, then the phases clockwise from the top). */
      var mid = spanOf(own, size), cx = (mid.left + mid.right) / 2, cy = (mid.top + mid.bottom) / 2;
      var turn = function (id) {
        var dx = own[id].x - cx, dy = own[id].y - cy;
        if (Math.abs(dx) + Math.abs(dy) < 1) { return -1; }
        return (Math.atan2(dy, dx) + 2.5 * Math.PI) % (2 * Math.PI);
      };
      var single = {};
      stack(ids.slice().sort(function (a, b) { return turn(a) - turn(b); }), 0, size, single);
      out.push(single);
    }
    return out;
  }
  function reportHeight() {
    if (window.parent && window.parent !== window) {
      window.parent.postMessage({ coproGraph: "height",
                                  height: document.documentElement.scrollHeight }, "*");
    }
  }
  function afterPaint(next) { network.once("afterDrawing", next); network.redraw(); }
  function fitFrame(done) {
    /* Selected, the focus is drawn bold with a thicker border: measure it so. */
    if (data.focus && network.body.nodes[data.focus]) { network.selectNodes([data.focus]); }
    afterPaint(function () { chooseLayout(done); });
  }
  function chooseLayout(done) {
    var ids = nodes.getIds().filter(function (id) { return !network.body.nodes[id].options.hidden; });
    var size = measured(ids);
    var width = Math.max(container.clientWidth - 2 * FRAME_MARGIN, 1);
    /* Issue 15's floor (12 CSS px), a little under MIN_TEXT: the figure stays whole at
       the width of a desktop's frame instead of reflowing for half a pixel. */
    var legible = LEGIBLE_FLOOR / smallestFont();
    var options = layouts(ids, size), chosen = options[options.length - 1], index = options.length - 1;
    for (var i = 0; i < options.length; i++) {
      var span = spanOf(options[i], size);
      if (span && width / (span.right - span.left || 1) >= legible) { chosen = options[i]; index = i; break; }
    }
    ids.forEach(function (id) {
      var p = chosen[id];
      if (p) { network.moveNode(id, p.x, p.y); }
    });
    state.layout = index;
    if (index > 0 && !hoverLabels) {
      /* Reflowed, links run alongside each other: their labels on hover only. */
      hoverLabels = true;
      edges.update(edges.getIds().map(function (id) { return { id: id, label: " " }; }));
    }
    afterPaint(function () {
      if (data.separate) { separate(); }
      afterPaint(function () { fit(ids, width, legible, done); });  /* the boxes as moved */
    });
  }
  function fit(ids, width, legible, done) {
    var box = extent(ids);
    var scale = Math.min(width / (box.right - box.left || 1), 1.3);
    if (scale < legible) { scale = legible; }
    var height = Math.ceil((box.bottom - box.top) * scale + 2 * FRAME_MARGIN);
    document.documentElement.classList.add("framed");
    container.style.height = height + "px";
    network.setSize(container.clientWidth + "px", height + "px");
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
                     scale: scale, animation: false });
    if (data.focus) { network.selectNodes([data.focus]); }
    sizeLinkLabels(scale);
    state.fitted = true;
    reportHeight();
    done();
  }

  /* --- (3) link labels on hover, and for the selected term ---------------------- */
  var shownLinks = {};
  function showLinks(ids) {
    if (!hoverLabels) { return; }
    var wanted = {};
    ids.forEach(function (id) { wanted[id] = true; });
    var updates = [];
    Object.keys(shownLinks).forEach(function (id) {
      if (!wanted[id]) { updates.push({ id: id, label: " " }); delete shownLinks[id]; }
    });
    ids.forEach(function (id) {
      if (!shownLinks[id]) {
        var e = edges.get(id);
        var font = Object.assign({}, e.font || {}, { size: Math.ceil(MIN_LINK_TEXT / network.getScale()) });
        updates.push({ id: id, label: e.info.label, font: font });
        shownLinks[id] = true;
      }
    });
    if (updates.length) { edges.update(updates); }
  }
  network.on("hoverEdge", function (p) {
    showLinks(network.getSelectedEdges().concat([p.edge]));
  });
  network.on("blurEdge", function () { showLinks(network.getSelectedEdges()); });
  network.on("select", function () { showLinks(network.getSelectedEdges()); });

  /* --- collapsible branches (the hierarchy) ------------------------------------- */
  var folded = {};
  var below = {};  /* broader term -> its narrower terms (links point narrower -> broader) */
  if (data.collapsible) {
    data.edges.forEach(function (e) {
      (below[e.to] = below[e.to] || []).push(e.from);
    });
  }
  function descendants(id, seen) {
    (below[id] || []).forEach(function (kid) {
      if (!seen[kid]) { seen[kid] = true; descendants(kid, seen); }
    });
    return seen;
  }
  function labelOf(id) {
    var n = data.nodes.filter(function (m) { return m.id === id; })[0];
    var hidden = Object.keys(descendants(id, {})).length;
    return folded[id] ? "\u25B8 " + n.label + " (+" + hidden + ")" : n.label;
  }
  function toggle(id) {
    if (!below[id]) { return false; }
    folded[id] = !folded[id];
    var hide = {};
    Object.keys(folded).forEach(function (f) {
      if (folded[f]) { Object.assign(hide, descendants(f, {})); }
    });
    nodes.update(nodes.getIds().map(function (nid) {
      return { id: nid, hidden: !!hide[nid], label: below[nid] ? labelOf(nid) : undefined };
    }).map(function (u) { if (u.label === undefined) { delete u.label; } return u; }));
    status.textContent = (folded[id] ? "Folded: " : "Unfolded: ") + labelOf(id).replace(/^\u25B8 /, "");
    return true;
  }
  if (data.collapsible) {
    network.on("doubleClick", function (p) { if (p.nodes.length === 1) { toggle(p.nodes[0]); } });
    container.setAttribute("tabindex", "0");
    container.addEventListener("keydown", function (ev) {
      var sel = network.getSelectedNodes();
      if ((ev.key === "Enter" || ev.key === " ") && sel.length === 1 && toggle(sel[0])) {
        ev.preventDefault();
      }
    });
  }

  /* --- the order of events -------------------------------------------------------- */
  function settle(eventName) {
    if (state.ready) { return; }
    state.ready = true;
    if (physics) {
      /* Freeze the layout after the fixed number of stabilisation iterations (a fixed
         seed and a fixed count: the same input gives the same picture). */
      network.setOptions({ physics: { enabled: false } });
      state.stabilizedBy = eventName;
    }
    /* The boxes vis-network measured are those of the last paint: paint once more at
       the final positions before reading them. */
    network.once("afterDrawing", function () {
      function finish() {
        state.stabilized = true;
        state.stabilizedAt = performance.now();
        network.once("afterDrawing", function () { state.drawn = true; state.drawnAt = performance.now(); });
        network.redraw();
      }
      if (framed) { fitFrame(finish); return; }
      if (data.separate) { separate(); }
      startView();
      finish();
    });
    network.redraw();
  }
  if (physics) {
    network.once("stabilizationIterationsDone", function () { settle("stabilizationIterationsDone"); });
    network.once("stabilized", function () { settle("stabilized"); });
  } else {
    network.once("afterDrawing", function () { settle("fixed positions"); });
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
      showLinks([]);
      return;
    }
    if (hit.hidden) {  /* inside a folded branch: unfold what hides it */
      Object.keys(folded).forEach(function (f) { if (folded[f] && descendants(f, {})[hit.id]) { toggle(f); } });
    }
    network.selectNodes([hit.id]);
    showLinks(network.getSelectedEdges());
    network.focus(hit.id, { scale: Math.max(network.getScale(), MIN_TEXT / smallestFont()), animation: false });
    status.textContent = "Found: " + hit.info.label;
  });

  /* --- the "Technical detail" switch: shows the pop-ups' technical part -------- */
  var switchBox = document.getElementById("technical-detail");
  if (switchBox) {
    switchBox.addEventListener("change", function () {
      document.documentElement.classList.toggle("technical", switchBox.checked);
    });
    document.documentElement.classList.toggle("technical", switchBox.checked);
  }

  window.coproGraph = { network: network, nodes: nodes, edges: edges, state: state,
                        focus: data.focus || null, toggle: toggle };
}());
