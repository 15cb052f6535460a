// A table wider than the screen scrolls in its .table-responsive box: the box joins the Tab order
// while it scrolls, so the keyboard can scroll it too (WCAG 2.1.1); it leaves it when it fits.
// A ResizeObserver marks a box in the frame its width changes; old browsers mark on "resize".
(function () {
  "use strict";
  function mark(box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
    }
  }
  function start() {
    var boxes = document.querySelectorAll(".table-responsive");
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { mark(entry.target); });
      });
      boxes.forEach(function (box) { observer.observe(box); });
    } else {
      window.addEventListener("resize", function () { boxes.forEach(mark); });
    }
    boxes.forEach(mark);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
