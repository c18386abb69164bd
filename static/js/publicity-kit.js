/* Publicity kit: a Copy button beside each ready-made post, the email's subject and the
   short link, saying (to screen readers too) when it has copied. Without JavaScript
   there are no buttons: each text is in a read-only field to select and copy. */
(function () {
  "use strict";

  var kit = document.querySelector("[data-publicity-kit]");
  if (!kit || !document.addEventListener || !window.LabourHubCopy) {
    return;
  }

  var copy = window.LabourHubCopy.copy;
  var selectAll = window.LabourHubCopy.selectAll;
  var say = window.LabourHubCopy.say;

  Array.prototype.forEach.call(kit.querySelectorAll("[data-copy-from]"), function (holder) {
    var field = document.getElementById(holder.getAttribute("data-copy-from"));
    var status = holder.querySelector("[role=status]");
    if (!field || !status) {
      return;
    }
    var button = document.createElement("button");
    var hidden = document.createElement("span");
    button.type = "button";
    button.className = "button button-small button-secondary";
    button.appendChild(document.createTextNode("Copy"));
    hidden.className = "w-sr-only";
    hidden.textContent = " " + (holder.getAttribute("data-copy-label") || "");
    button.appendChild(hidden);
    holder.insertBefore(button, status);
    button.addEventListener("click", function () {
      copy(field).then(
        function () {
          button.focus();
          say(status, "Copied");
        },
        function () {
          selectAll(field);
          say(status, "Your browser would not copy: the text is selected, so press Ctrl+C (or ⌘ C).");
        }
      );
    });
  });
})();
