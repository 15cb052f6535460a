// The grid of closed answers: every cell is saved on its own as soon as it changes.
// The JSON contract is documented in olympiad/marking/grid_views.py; messages come from the
// page's data-msg-* attributes, so they are translated with the rest of the page.
(function () {
  "use strict";
  var grid = document.getElementById("answer-grid");
  if (!grid) {
    return;
  }
  var status = document.getElementById("grid-status");
  var cells = Array.prototype.slice.call(grid.querySelectorAll("input.grid-cell"));
  var columns = grid.querySelectorAll("thead th").length - 2;
  var pending = 0;

  function say(text, kind) {
    status.textContent = text || "\u00a0";
    status.className = "small mb-2 text-" + (kind || "body-secondary");
  }

  function points(value) {
    return value === null || value === undefined || value === "" ? "" : String(value).replace(".", ",");
  }

  function cellName(input) {
    return input.getAttribute("aria-label");
  }

  function setError(input, message) {
    var box = input.closest("td").querySelector(".cell-error");
    box.textContent = message || "";
    input.classList.toggle("is-invalid", Boolean(message));
    input.setAttribute("aria-invalid", message ? "true" : "false");
  }

  function updateTotal(row) {
    var sum = 0;
    row.querySelectorAll("input.grid-cell").forEach(function (input) {
      sum += Number(input.dataset.points || 0);
    });
    row.querySelector(".row-total").textContent = points(sum);
  }

  // the cell now shows what the server holds
  function accept(input, data) {
    input.dataset.version = data.version;
    input.dataset.saved = data.text;
    input.dataset.points = data.points === null ? "" : data.points;
    input.title = data.display || "";
    input.closest("td").querySelector(".cell-points").textContent = points(data.points);
    updateTotal(input.closest("tr"));
  }

  function post(body) {
    return fetch(grid.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": grid.dataset.csrf },
      body: JSON.stringify(body),
    }).then(function (response) {
      // an expired session or CSRF token answers with a page, not JSON
      return response.json().then(
        function (data) {
          return { status: response.status, data: data };
        },
        function () {
          return { status: response.status, data: { error: grid.dataset.msgFailed } };
        }
      );
    });
  }

  function save(input, reason) {
    var text = input.value.trim();
    if (text === input.dataset.saved && !reason) {
      setError(input, "");
      return Promise.resolve();
    }
    var body = {
      cipher: input.closest("tr").dataset.cipher,
      paper_task_id: Number(input.dataset.task),
      text: input.value,
      version: Number(input.dataset.version),
    };
    if (reason) {
      body.reason = reason;
    }
    pending += 1;
    input.classList.remove("cell-saved", "cell-stale");
    input.classList.add("cell-saving");
    return post(body)
      .then(function (result) {
        return handle(input, result.status, result.data);
      })
      .catch(function () {
        setError(input, grid.dataset.msgOffline);
        say(grid.dataset.msgOffline, "danger");
      })
      .finally(function () {
        pending -= 1;
        input.classList.remove("cell-saving");
      });
  }

  function handle(input, code, data) {
    if (code === 200) {
      accept(input, data);
      setError(input, "");
      input.classList.add("cell-saved");
      say(grid.dataset.msgSaved.replace("{cell}", cellName(input)), "success");
      return null;
    }
    if (code === 409 && data.current) {
      // a stale view: show what is stored now instead of writing over it
      accept(input, data.current);
      input.value = data.current.text;
      setError(input, "");
      input.classList.add("cell-stale");
      say(data.error, "warning");
      return null;
    }
    if (code === 400 && data.reason_required) {
      return askReason(input, data.error).then(function (reason) {
        if (reason) {
          return save(input, reason);
        }
        input.value = input.dataset.saved;
        setError(input, "");
        say(grid.dataset.msgCancelled, "warning");
        return null;
      });
    }
    setError(input, data.error);
    say(cellName(input) + ": " + data.error, "danger");
    return null;
  }

  // A saved cell changes only with a reason: asked in the cell itself (a field, not a
  // browser dialog), Enter saves, Esc cancels; the keyboard stays in the grid.
  function askReason(input, message) {
    return new Promise(function (resolve) {
      var td = input.closest("td");
      var id = "reason-" + input.closest("tr").dataset.cipher + "-" + input.dataset.task;
      var box = document.createElement("div");
      box.className = "cell-reason mt-1";
      var label = document.createElement("label");
      label.className = "small d-block";
      label.htmlFor = id;
      label.textContent = message + " " + grid.dataset.msgReason;
      var field = document.createElement("input");
      field.type = "text";
      field.id = id;
      field.maxLength = 500;
      field.className = "form-control form-control-sm";
      var ok = document.createElement("button");
      ok.type = "button";
      ok.className = "btn btn-sm btn-primary mt-1 me-1";
      ok.textContent = grid.dataset.msgReasonSave;
      var cancel = document.createElement("button");
      cancel.type = "button";
      cancel.className = "btn btn-sm btn-outline-secondary mt-1";
      cancel.textContent = grid.dataset.msgReasonCancel;
      box.append(label, field, ok, cancel);
      td.appendChild(box);
      input.classList.add("cell-asking");
      field.focus();

      function finish(reason) {
        box.remove();
        input.classList.remove("cell-asking");
        input.focus();
        resolve(reason);
      }
      function submit() {
        var reason = field.value.trim();
        if (reason) {
          finish(reason);
        } else {
          field.classList.add("is-invalid");
          field.focus();
        }
      }
      ok.addEventListener("click", submit);
      cancel.addEventListener("click", function () {
        finish(null);
      });
      field.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          submit();
        } else if (event.key === "Escape") {
          event.preventDefault();
          finish(null);
        }
      });
    });
  }

  // one save at a time per cell, in the order typed
  function queue(input) {
    input.chain = (input.chain || Promise.resolve()).then(function () {
      return save(input);
    });
  }

  function focusCell(index) {
    var target = cells[index];
    if (target) {
      target.focus();
      target.select();
    }
  }

  cells.forEach(function (input, index) {
    input.addEventListener("change", function () {
      queue(input);
    });
    input.addEventListener("focus", function () {
      input.select();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        focusCell(event.shiftKey ? index - 1 : index + 1);
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        focusCell(index + columns);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        focusCell(index - columns);
      } else if (event.key === "Escape") {
        input.value = input.dataset.saved;
        setError(input, "");
      }
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (pending > 0) {
      event.preventDefault();
      event.returnValue = grid.dataset.msgPending;
    }
  });

  var first = cells.find(function (input) {
    return !input.disabled && input.value === "";
  });
  if (first) {
    first.focus();
  }
})();
