// Buttons with data-print open the browser's print dialog (inline handlers are blocked by CSP).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
