// "Print" buttons on rulebook pages: shown only when this script runs, since
// printing from the browser's own menu works without it (see @media print).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
