// The mark form: the total of the criterion marks as they are typed ("1,5" is 1.5).
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input.criterion-input");
  var output = document.getElementById("criteria-total");
  if (!inputs.length || !output) {
    return;
  }
  function update() {
    var sum = 0;
    var complete = true;
    inputs.forEach(function (input) {
      var value = Number(input.value.trim().replace(",", "."));
      if (input.value.trim() === "" || Number.isNaN(value)) {
        complete = false;
      } else {
        sum += value;
      }
    });
    output.textContent = complete ? String(sum).replace(".", ",") : "";
  }
  inputs.forEach(function (input) {
    input.addEventListener("input", update);
  });
  update();
})();
