/* The site's pictures open whole (issue 30): a graph page in an <iframe> says how tall
 * it needs to be (graph.js posts {coproGraph: "height", height}); the frame is made that
 * tall, so every term is inside it and the legend hides none. Only the page's own
 * frames are resized, within sane bounds; nothing else is read from the message. */
(function () {
  "use strict";
  var frames = Array.prototype.slice.call(document.querySelectorAll("iframe.graph-frame"));
  if (!frames.length) { return; }
  window.addEventListener("message", function (event) {
    var d = event.data;
    if (!d || d.coproGraph !== "height" || typeof d.height !== "number") { return; }
    frames.forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.style.height = Math.round(Math.min(Math.max(d.height, 160), 8000)) + "px";
        frame.setAttribute("data-fitted", "true");
      }
    });
  });
}());
