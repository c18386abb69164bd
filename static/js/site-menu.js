// A site's menu on a phone: folded behind its "Menu" button, which opens and closes it
// (aria-expanded says which); Escape closes it and returns to the button. Without this
// script the button stays hidden and the whole menu shows, wrapped.
document.querySelectorAll("[data-menu-toggle]").forEach(function (button) {
  var menu = document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) {
    return;
  }
  function show(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("site-nav--open", open);
  }
  button.closest(".site-header").classList.add("site-header--folding");
  button.hidden = false;
  show(false);
  button.addEventListener("click", function () {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      show(false);
      button.focus();
    }
  });
});
