// The online round's progress page reloads itself every data-refresh seconds, unless someone is
// using a control on it (a button in focus) or the tab is hidden.
(function () {
  "use strict";
  var page = document.getElementById("online-progress");
  if (!page) {
    return;
  }
  var seconds = Number(page.dataset.refresh) || 30;
  window.setInterval(function () {
    var active = document.activeElement;
    var busy = active && active !== document.body && page.contains(active) && active.tagName !== "A";
    if (!document.hidden && !busy) {
      window.location.reload();
    }
  }, seconds * 1000);
})();
