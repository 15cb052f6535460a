// The participant's work online: every task form is saved as it is typed, and the countdown runs.
// The save protocol is documented in olympiad/online/views.py. Each form carries "seq", the
// number its next save will have; the server keeps the save with the highest number, so a late
// save never overwrites a newer one. Without this script the forms still work: each has its own
// submit button, and the time left is shown as of the page's loading.
(function () {
  "use strict";
  var bar = document.getElementById("online-bar");
  if (!bar) {
    return;
  }
  var status = document.getElementById("online-status");
  var countdown = document.getElementById("countdown");
  var forms = Array.prototype.slice.call(document.querySelectorAll("form.online-task"));
  var TYPING_DELAY = 700;
  var CHOICE_DELAY = 150;
  var KEEPALIVE_LIMIT = 60000;
  var closed = false;
  var finishing = false;
  var warnedMinute = false;

  function say(text) {
    status.textContent = text || "";
  }

  // ---- the countdown: the server's time left, counted on a monotonic clock ----
  var endsAt = performance.now() + Number(bar.dataset.left) * 1000;

  function secondsLeft() {
    return Math.max(0, Math.round((endsAt - performance.now()) / 1000));
  }

  function clockText(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function resync(left) {
    if (typeof left === "number" && left >= 0) {
      endsAt = performance.now() + left * 1000;
    }
  }

  function tick() {
    var left = secondsLeft();
    countdown.textContent = clockText(left);
    countdown.classList.toggle("text-danger", left <= 300);
    if (left <= 60 && left > 0 && !warnedMinute) {
      warnedMinute = true;
      say(bar.dataset.msgMinute);
    }
    if (left === 0 && !closed && !finishing) {
      finish();
    }
  }

  // ---- saving ----
  function state(form) {
    if (!form._online) {
      form._online = { dirty: false, inFlight: false, timer: null, retry: 2000 };
    }
    return form._online;
  }

  function formState(form, text, kind) {
    var box = form.querySelector(".save-state");
    box.textContent = text || "\u00a0";
    box.className = "save-state small mb-2 text-" + (kind || "body-secondary");
  }

  function markAnswered(form, answered) {
    var link = document.querySelector('.task-link[data-number="' + form.dataset.number + '"]');
    if (!link) {
      return;
    }
    link.classList.toggle("btn-success", answered);
    link.classList.toggle("btn-outline-secondary", !answered);
    link.setAttribute("aria-label", answered ? link.dataset.labelYes : link.dataset.labelNo);
  }

  function closeWork(message) {
    closed = true;
    say(message || bar.dataset.msgClosed);
    forms.forEach(function (form) {
      form.querySelectorAll("input, select, textarea, button").forEach(function (el) {
        el.disabled = true;
      });
    });
    window.setTimeout(function () {
      window.location.assign(bar.dataset.done);
    }, 1500);
  }

  function send(form, keepalive) {
    var st = state(form);
    if (closed || st.inFlight || !st.dirty) {
      return;
    }
    var seqInput = form.querySelector('input[name="seq"]');
    var seq = Number(seqInput.value);
    var body = new FormData(form);
    body.set("seq", String(seq));
    seqInput.value = String(seq + 1); // a plain submit or the next save goes after this one
    st.dirty = false;
    st.inFlight = true;
    formState(form, bar.dataset.msgSaving);
    var options = {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": bar.dataset.csrf, Accept: "application/json" },
      body: body,
    };
    var size = 0;
    body.forEach(function (value) {
      size += String(value).length * 3;
    });
    options.keepalive = Boolean(keepalive) && size < KEEPALIVE_LIMIT;
    return fetch(form.dataset.save, options)
      .then(function (response) {
        return response.json().then(
          function (data) {
            return { status: response.status, data: data };
          },
          function () {
            return { status: response.status, data: null };
          }
        );
      })
      .then(function (reply) {
        st.inFlight = false;
        if (reply.data === null) {
          // a login page instead of JSON: the participant's session is over
          st.dirty = true;
          formState(form, bar.dataset.msgSession, "danger");
          say(bar.dataset.msgSession);
          return;
        }
        if (reply.status === 409) {
          closeWork(reply.data.error);
          return;
        }
        if (reply.status !== 200) {
          formState(form, reply.data.error, "danger");
          return;
        }
        st.retry = 2000;
        resync(reply.data.left);
        if (!reply.data.stored && reply.data.seq > seq) {
          seqInput.value = String(Math.max(Number(seqInput.value), reply.data.seq + 1));
          formState(form, bar.dataset.msgConflict, "warning");
        } else if (!st.dirty) {
          formState(form, bar.dataset.msgSaved, "success");
          say("");
        }
        markAnswered(form, reply.data.answered);
        if (st.dirty) {
          schedule(form, CHOICE_DELAY);
        }
      })
      .catch(function () {
        // no network: keep the change and try again, a little later each time
        st.inFlight = false;
        st.dirty = true;
        formState(form, bar.dataset.msgOffline, "danger");
        say(bar.dataset.msgOffline);
        schedule(form, st.retry);
        st.retry = Math.min(st.retry * 2, 30000);
      });
  }

  function schedule(form, delay) {
    var st = state(form);
    window.clearTimeout(st.timer);
    st.timer = window.setTimeout(function () {
      send(form, true);
    }, delay);
  }

  function changed(event) {
    var form = event.target.form;
    if (!form || closed || event.target.name === "seq") {
      return;
    }
    state(form).dirty = true;
    var typing = event.target.tagName === "TEXTAREA" || event.target.type === "text";
    schedule(form, typing ? TYPING_DELAY : CHOICE_DELAY);
  }

  function flushAll(keepalive) {
    forms.forEach(function (form) {
      var st = state(form);
      if (st.dirty) {
        window.clearTimeout(st.timer);
        send(form, keepalive);
      }
    });
  }

  forms.forEach(function (form) {
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () {
      // the plain submit carries the form with the next number: nothing is left to autosave
      var st = state(form);
      window.clearTimeout(st.timer);
      st.dirty = false;
    });
  });

  window.addEventListener("pagehide", function () {
    flushAll(true);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      flushAll(true);
    }
  });

  // ---- the end of the time, and the organizer's extensions ----
  function checkState() {
    return fetch(bar.dataset.state, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        if (data.submitted) {
          closeWork();
        } else {
          resync(data.left);
        }
      })
      .catch(function () {
        /* offline: the countdown goes on; the server decides anyway */
      });
  }

  // the time is up: send what is pending, wait for the answers, then let the server submit
  function finish() {
    finishing = true;
    flushAll(false);
    var waited = 0;
    (function check() {
      var busy = forms.some(function (form) {
        return state(form).inFlight;
      });
      if (busy && waited < 5000) {
        waited += 250;
        window.setTimeout(check, 250);
        return;
      }
      checkState().then(function () {
        if (closed) {
          return;
        }
        if (secondsLeft() > 0) {
          finishing = false; // an extension: go on
        } else {
          waited = 5000;
          window.setTimeout(check, 2000);
        }
      });
    })();
  }

  window.setInterval(tick, 1000);
  window.setInterval(function () {
    if (!closed) {
      checkState();
    }
  }, 60000);
  tick();
})();
