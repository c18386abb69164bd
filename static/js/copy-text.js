/* Copying a read-only field's text to the clipboard, shared by the knowledge bank's share
   panel and the publicity kit: LabourHubCopy.copy(field) returns a promise, selectAll
   leaves the text selected for Ctrl+C when the browser refuses, and say announces the
   outcome in a role=status element (for screen readers too) for eight seconds. */
(function () {
  "use strict";

  function selectAll(field) {
    field.focus();
    field.select();
    field.setSelectionRange(0, field.value.length);
  }

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    // Older browsers, and pages served over plain HTTP, have no Clipboard API.
    return new Promise(function (resolve, reject) {
      selectAll(field);
      try {
        if (document.execCommand("copy")) {
          resolve();
        } else {
          reject(new Error("copy refused"));
        }
      } catch (error) {
        reject(error);
      }
    });
  }

  function say(status, message) {
    window.clearTimeout(status.hideTimer);
    status.textContent = message;
    status.hideTimer = window.setTimeout(function () {
      status.textContent = "";
    }, 8000);
  }

  window.LabourHubCopy = { copy: copy, selectAll: selectAll, say: say };
})();
