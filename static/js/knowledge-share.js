/* Knowledge bank: copy a ready-made post to the clipboard, say so, and count the share.
   Without JavaScript the Copy buttons stay hidden and each post is plain read-only text
   to select and copy. */
(function () {
  "use strict";

  var panel = document.querySelector("[data-share-panel]");
  if (!panel || !document.addEventListener || !window.LabourHubCopy) {
    return;
  }
  var endpoint = panel.getAttribute("data-share-url");
  var token = panel.getAttribute("data-csrf-token");

  var copy = window.LabourHubCopy.copy;
  var selectAll = window.LabourHubCopy.selectAll;

  function count(network) {
    if (!window.fetch) {
      return;
    }
    var body = new URLSearchParams();
    body.append("network", network);
    fetch(endpoint, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
      keepalive: true
    }).catch(function () {
      // Counting is for staff's statistics; the member's copy has already worked.
    });
  }

  function say(status, message, button) {
    window.LabourHubCopy.say(status, message);
    if (button) {
      button.focus();
    }
  }

  Array.prototype.forEach.call(panel.querySelectorAll("[data-share-copy]"), function (button) {
    var textarea = document.getElementById(button.getAttribute("data-share-copy"));
    var status = document.getElementById(button.getAttribute("data-share-status"));
    if (!textarea || !status) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(textarea).then(
        function () {
          say(status, "Copied", button);
          count(button.getAttribute("data-network"));
        },
        function () {
          selectAll(textarea);
          say(status, "Your browser would not copy: the post is selected, so press Ctrl+C (or ⌘ C).");
        }
      );
    });
  });
})();
