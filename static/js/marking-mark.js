// The mark form: each criterion is checked as it is typed (a number from 0 to its maximum,
// whole or a half; "1,5" is 1.5) and the total is shown against the maximum.
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input.criterion-input");
  var output = document.getElementById("criteria-total");
  if (!inputs.length || !output) {
    return;
  }
  function valueOf(input) {
    var text = input.value.trim().replace(",", ".");
    return text === "" ? null : Number(text);
  }
  function check(input) {
    var value = valueOf(input);
    var max = Number(input.dataset.max);
    var wrong = value !== null && (Number.isNaN(value) || value < 0 || value > max || value * 2 !== Math.round(value * 2));
    input.classList.toggle("is-invalid", wrong);
    input.setAttribute("aria-invalid", wrong ? "true" : "false");
    var box = document.getElementById(input.getAttribute("aria-describedby"));
    if (box) {
      box.textContent = wrong ? input.dataset.msgRange : "";
    }
    return !wrong;
  }
  function update() {
    var sum = 0;
    var complete = true;
    inputs.forEach(function (input) {
      var value = valueOf(input);
      if (value === null || !check(input)) {
        complete = false;
      } else {
        sum += value;
      }
    });
    output.textContent = complete
      ? output.dataset.msgOf.replace("{total}", String(sum).replace(".", ",")).replace("{max}", output.dataset.max)
      : "";
  }
  inputs.forEach(function (input) {
    input.addEventListener("input", update);
    if (!input.classList.contains("is-invalid")) {
      check(input);
    }
  });
  update();
})();
