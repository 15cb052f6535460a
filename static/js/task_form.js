// The task form: show only the key fields of the chosen task type. Without scripts every
// block stays visible and the server reads only the chosen type's fields.
(function () {
  var select = document.getElementById("type");
  if (!select) { return; }
  function update() {
    document.querySelectorAll("[data-types]").forEach(function (block) {
      block.hidden = block.dataset.types.split(" ").indexOf(select.value) === -1;
    });
  }
  select.addEventListener("change", update);
  update();
})();
