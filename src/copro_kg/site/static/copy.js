/* "Copy" buttons: <button data-copy="ID" data-status="ID" data-done="..." data-failed="...">
 * copies the text (or an input's value) of the element ID. A button stays hidden without
 * JavaScript (the text is there to select). Copies with the Clipboard API, else by
 * selecting the text and the browser's copy command, and says what happened in the
 * status element (a live region). Nothing is sent anywhere. Used by the term pages'
 * citation and the questionnaire's link. */
(function () {
  "use strict";
  function wire(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!source) { return; }
    function say(text) { if (status) { status.textContent = text; } }
    function bySelection() {
      if (typeof source.select === "function") {
        source.select();
      } else {
        var range = document.createRange();
        range.selectNodeContents(source);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      }
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      say(button.getAttribute(ok ? "data-done" : "data-failed"));
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.value !== undefined ? source.value : source.textContent;
      text = text.replace(/\s+/g, " ").trim();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () {
          say(button.getAttribute("data-done"));
        }, bySelection);
      } else {
        bySelection();
      }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), wire);
}());
