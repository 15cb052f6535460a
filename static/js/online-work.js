// The participant's work online, made for a connection that drops.
//
// Every change of a task is written to the browser's storage (localStorage, one key per
// attempt) before it is sent, with the number ("seq") its save will have; it stays there until
// the server acknowledges that number, so a reload, a closed tab or a crashed browser brings the
// answers back and sends them. The server keeps the save with the highest number (protocol in
// olympiad/online/views.py), so sending one twice stores it once. A service worker
// (online-sw.js) keeps the work's pages, so a reload without a connection shows the work.
// Near the deadline the retries come faster; after it, what could not be sent goes as "late"
// and waits for the organizer. Handing the work in clears the stored copy.
// Without this script the forms still work: each has its own submit button.
(function () {
  "use strict";
  var bar = document.getElementById("online-bar");
  var leftover = document.getElementById("online-leftover");
  var root = bar || leftover;
  if (!root) {
    return;
  }
  var KEY = "olympiad-online:" + root.dataset.attempt;
  var CURRENT = "olympiad-online:current";
  var CACHE = "olympiad-online";
  var TYPING_DELAY = 700;
  var CHOICE_DELAY = 150;
  var REQUEST_TIMEOUT = 20000;
  var forms = bar ? Array.prototype.slice.call(document.querySelectorAll("form.online-task")) : [];
  var status = document.getElementById("online-status") || leftover;
  var banner = document.getElementById("online-offline");
  var countdown = document.getElementById("countdown");
  var closed = false;
  var timeOver = Boolean(leftover);
  var warnedMinute = false;
  var storageOk = true;

  function msg(name, values) {
    var text = root.dataset[name] || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.replace("%(" + key + ")s", values[key]);
    });
    return text;
  }

  function say(text) {
    if (status) {
      status.textContent = text || "";
    }
  }

  // ---- the browser's copy of the work ----
  function read() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (data && data.tasks) {
        return data;
      }
    } catch (e) {
      /* unreadable: start afresh */
    }
    return { tasks: {}, endsAt: null, lostSince: null };
  }

  function update(change) {
    var data = read(); // another tab of the same work may have written meanwhile
    change(data);
    try {
      window.localStorage.setItem(KEY, JSON.stringify(data));
      storageOk = true;
    } catch (e) {
      storageOk = false;
      say(msg("msgStorage"));
    }
    return data;
  }

  function pendingNumbers() {
    var tasks = read().tasks;
    return Object.keys(tasks)
      .filter(function (n) {
        return !tasks[n].acked;
      })
      .sort(function (a, b) {
        return Number(a) - Number(b);
      });
  }

  function forget() {
    try {
      window.localStorage.removeItem(KEY);
      if (window.localStorage.getItem(CURRENT) === root.dataset.attempt) {
        window.localStorage.removeItem(CURRENT);
      }
    } catch (e) {
      /* nothing stored */
    }
    if (window.caches) {
      window.caches.delete(CACHE).catch(function () {});
    }
    if (navigator.serviceWorker && navigator.serviceWorker.getRegistrations) {
      navigator.serviceWorker.getRegistrations().then(function (list) {
        list.forEach(function (registration) {
          if (registration.scope.indexOf(root.dataset.scope) !== -1) {
            registration.unregister();
          }
        });
      });
    }
  }

  // ---- the forms ----
  function formOf(n) {
    return document.getElementById("task-" + n);
  }

  function seqInput(form) {
    return form.querySelector('input[name="seq"]');
  }

  function snapshot(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && name !== "seq" && name !== "then") {
        fields.push([name, String(value)]);
      }
    });
    return fields;
  }

  function looksAnswered(fields) {
    return fields.some(function (field) {
      return field[1].trim() !== "";
    });
  }

  function restore(form, fields) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf_token" || el.name === "seq" || el.type === "submit") {
        return;
      }
      var values = fields
        .filter(function (field) {
          return field[0] === el.name;
        })
        .map(function (field) {
          return field[1];
        });
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = values.indexOf(el.value) !== -1;
      } else {
        el.value = values.length ? values[0] : "";
      }
    });
  }

  function paint(n, error) {
    var entry = read().tasks[n];
    var form = formOf(n);
    var link = document.querySelector('.task-link[data-number="' + n + '"]');
    if (!entry && !error) {
      return;
    }
    var text, kind;
    if (error) {
      text = error;
      kind = "danger";
    } else if (!entry.acked) {
      text = msg("msgPending");
      kind = "warning-emphasis";
    } else if (entry.late) {
      text = msg("msgLate");
      kind = "warning-emphasis";
    } else {
      text = entry.answered ? msg("msgSaved") : msg("msgSavedEmpty");
      kind = "success";
    }
    if (form) {
      var box = form.querySelector(".save-state");
      box.textContent = text;
      box.className = "save-state small mb-2 text-" + kind;
      box.dataset.state = error ? "error" : !entry.acked ? "pending" : entry.late ? "late" : "saved";
    }
    if (link && entry) {
      var waiting = !entry.acked;
      link.classList.toggle("btn-warning", waiting);
      link.classList.toggle("btn-success", !waiting && entry.answered);
      link.classList.toggle("btn-outline-secondary", !waiting && !entry.answered);
      link.setAttribute(
        "aria-label",
        waiting ? msg("labelWaiting", { n: n }) : entry.answered ? link.dataset.labelYes : link.dataset.labelNo
      );
    }
  }

  // what the page was rendered with, against what the browser kept: the higher number wins
  function bringBack() {
    forms.forEach(function (form) {
      var n = form.dataset.number;
      var input = seqInput(form);
      var server = Number(input.value) - 1;
      var entry = read().tasks[n];
      if (!entry) {
        return;
      }
      if (entry.seq < server) {
        update(function (data) {
          delete data.tasks[n]; // saved newer from another window: the server's copy wins
        });
        return;
      }
      restore(form, entry.fields);
      input.value = String(entry.seq + 1);
    });
    Object.keys(read().tasks).forEach(function (n) {
      paint(n);
    });
  }

  function changed(event) {
    var form = event.target.form;
    if (!form || closed || timeOver || event.target.name === "seq") {
      return;
    }
    var n = form.dataset.number;
    var fields = snapshot(form);
    var before = read().tasks[n];
    if (event.type === "submit" && before && JSON.stringify(before.fields) === JSON.stringify(fields)) {
      return; // nothing new to keep
    }
    var left = secondsLeft();
    var data = update(function (data) {
      var entry = data.tasks[n];
      if (entry && !entry.acked && !entry.sent) {
        entry.fields = fields; // not sent yet: the same number carries the newer fields
      } else {
        var server = Number(seqInput(form).value) - 1;
        entry = { seq: Math.max(server, entry ? entry.seq : 0) + 1, sent: false, acked: false };
        data.tasks[n] = entry;
      }
      entry.fields = fields;
      entry.answered = looksAnswered(fields);
      entry.left = left;
      entry.late = false;
    });
    seqInput(form).value = String(data.tasks[n].seq + 1);
    paint(n);
    var typing = event.target.tagName === "TEXTAREA" || event.target.type === "text";
    schedule(typing ? TYPING_DELAY : CHOICE_DELAY);
  }

  // ---- the countdown: the server's time left, kept with the work for a page shown offline ----
  var endsAt = null;

  function secondsLeft() {
    if (endsAt === null) {
      return 0;
    }
    return Math.max(0, Math.round((endsAt - Date.now()) / 1000));
  }

  function resync(left) {
    if (typeof left === "number" && left >= 0) {
      endsAt = Date.now() + left * 1000;
      update(function (data) {
        data.endsAt = endsAt;
      });
    }
  }

  function clockText(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  // ---- the connection ----
  function lost() {
    if (!read().lostSince) {
      update(function (data) {
        data.lostSince = Date.now();
      });
    }
    showBanner();
  }

  function found() {
    if (read().lostSince) {
      update(function (data) {
        data.lostSince = null;
      });
    }
    showBanner();
  }

  function showBanner() {
    if (!banner) {
      return;
    }
    var since = read().lostSince;
    var waiting = pendingNumbers();
    if (!since && !(timeOver && waiting.length)) {
      banner.hidden = true;
      return;
    }
    var parts = [];
    if (since) {
      parts.push(msg("msgLost", { time: clockText(Math.max(0, Math.round((Date.now() - since) / 1000))) }));
      if (!timeOver) {
        parts.push(msg("msgLostHelp"));
      }
    }
    if (timeOver && waiting.length) {
      parts.push(msg("msgLateWaiting", { tasks: waiting.join(", ") }));
    } else if (waiting.length) {
      parts.push(msg("msgWaiting", { tasks: waiting.join(", ") }));
    }
    banner.textContent = parts.join(" ");
    banner.hidden = false;
  }

  // the longest wait between retries: shorter as the deadline nears (the last minute: 5 s)
  function retryCap() {
    var left = secondsLeft();
    if (timeOver || left <= 60) {
      return 5000;
    }
    return left <= 300 ? 10000 : 30000;
  }

  // ---- sending ----
  var pumping = false;
  var again = false;
  var retry = 2000;
  var timer = null;

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(pump, delay);
  }

  function saveUrl(n) {
    return root.dataset.save.replace(/\/0\/save$/, "/" + n + "/save");
  }

  function post(url, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var stop = window.setTimeout(function () {
      if (controller) {
        controller.abort();
      }
    }, REQUEST_TIMEOUT);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": root.dataset.csrf, Accept: "application/json" },
      body: body,
      signal: controller ? controller.signal : undefined,
    })
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
      .finally(function () {
        window.clearTimeout(stop);
      });
  }

  // send task n's kept change: "ok", "fail" (no connection), or "stop"
  function send(n) {
    var entry = read().tasks[n];
    if (!entry || entry.acked) {
      return Promise.resolve("ok");
    }
    var seq = entry.seq;
    var late = timeOver;
    var body = new FormData();
    entry.fields.forEach(function (field) {
      body.append(field[0], field[1]);
    });
    body.set("seq", String(seq));
    if (late) {
      body.set("late", "1");
      if (typeof entry.left === "number") {
        body.set("typed_left", String(entry.left));
      }
    }
    update(function (data) {
      if (data.tasks[n] && data.tasks[n].seq === seq) {
        data.tasks[n].sent = true;
      }
    });
    return post(saveUrl(n), body).then(
      function (reply) {
        if (reply.data === null) {
          say(msg("msgSession")); // a login page instead of JSON: the session is over
          return "stop";
        }
        found();
        if (reply.status === 409) {
          if (leftover) {
            forget(); // handed in, or marking has started: nothing more is taken
            say(msg("msgLeftDone"));
            return "stop";
          }
          if (!late) {
            timeOver = true; // the server's clock says the time is over: send it as late
            startLate();
            return send(n);
          }
          closeWork(reply.data.error);
          return "stop";
        }
        if (reply.status !== 200 && reply.status !== 202) {
          if (reply.status >= 500) {
            return "fail";
          }
          update(function (data) {
            if (data.tasks[n] && data.tasks[n].seq === seq) {
              data.tasks[n].acked = true; // the server cannot read it: sending again won't help
            }
          });
          paint(n, reply.data.error);
          return "ok";
        }
        retry = 2000;
        resync(reply.data.left);
        var conflict = reply.status === 200 && !reply.data.stored && reply.data.seq > seq;
        update(function (data) {
          var kept = data.tasks[n];
          if (kept && kept.seq === seq) {
            kept.acked = true;
            kept.late = reply.status === 202;
            if (typeof reply.data.answered === "boolean") {
              kept.answered = reply.data.answered;
            }
          }
        });
        var form = formOf(n);
        if (conflict && form) {
          seqInput(form).value = String(Math.max(Number(seqInput(form).value), reply.data.seq + 1));
          paint(n, msg("msgConflict"));
        } else {
          paint(n);
        }
        return "ok";
      },
      function () {
        return "fail";
      }
    );
  }

  function pump() {
    window.clearTimeout(timer);
    if (closed) {
      return;
    }
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    var tried = {};
    (function next() {
      var tasks = read().tasks;
      var todo = pendingNumbers().filter(function (n) {
        return tried[n] !== tasks[n].seq;
      });
      if (!todo.length) {
        pumping = false;
        showBanner();
        if (again) {
          again = false;
          pump();
        } else {
          allSent();
        }
        return;
      }
      var n = todo[0];
      tried[n] = tasks[n].seq;
      send(n).then(function (result) {
        if (result === "ok") {
          next();
          return;
        }
        pumping = false;
        again = false;
        if (result === "fail") {
          lost();
          forms.forEach(function (form) {
            paint(form.dataset.number);
          });
          var delay = Math.min(retry, retryCap());
          retry = Math.min(retry * 2, retryCap());
          schedule(delay);
        }
      });
    })();
  }

  function waitForSending(then) {
    var waited = 0;
    (function check() {
      if (pumping && waited < 4000) {
        waited += 100;
        window.setTimeout(check, 100);
        return;
      }
      then();
    })();
  }

  // ---- the end: the time is over, or the work was handed in ----
  function closeWork(message) {
    closed = true;
    say(message || msg("msgClosed"));
    disableForms();
    window.setTimeout(function () {
      window.location.assign(root.dataset.done);
    }, 1500);
  }

  function disableForms() {
    forms.forEach(function (form) {
      form.querySelectorAll("input, select, textarea, button").forEach(function (el) {
        el.disabled = true;
      });
    });
  }

  function startLate() {
    disableForms();
    say(msg("msgTimeUp"));
    showBanner();
  }

  function allSent() {
    if (leftover) {
      forget();
      say(msg("msgLeftDone"));
      return;
    }
    if (timeOver && !closed) {
      checkState();
    }
  }

  function checkState() {
    return fetch(root.dataset.state, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        found();
        if (data.submitted) {
          if (!pendingNumbers().length) {
            closeWork();
          }
          return;
        }
        resync(data.left);
        if (timeOver && secondsLeft() === 0) {
          window.setTimeout(checkState, 2000); // the server's deadline is a moment later
        } else if (timeOver) {
          // an extension: go on writing
          timeOver = false;
          forms.forEach(function (form) {
            form.querySelectorAll("input, select, textarea, button").forEach(function (el) {
              el.disabled = false;
            });
          });
          say("");
        }
      })
      .catch(function () {
        lost();
      });
  }

  function tick() {
    var left = secondsLeft();
    if (countdown) {
      countdown.textContent = clockText(left);
      countdown.classList.toggle("text-danger", left <= 300);
    }
    if (left <= 60 && left > 0 && !warnedMinute) {
      warnedMinute = true;
      say(msg("msgMinute"));
    }
    if (left === 0 && !timeOver && !closed) {
      timeOver = true;
      startLate();
      pump();
    }
    showBanner();
  }

  // ---- the service worker: the work's pages kept for a reload offline ----
  function keepPages() {
    if (!navigator.serviceWorker || !root.dataset.sw || !window.caches) {
      return;
    }
    var previous = null;
    try {
      previous = window.localStorage.getItem(CURRENT);
      window.localStorage.setItem(CURRENT, root.dataset.attempt);
    } catch (e) {
      /* storage refused */
    }
    var cleared = previous && previous !== root.dataset.attempt ? window.caches.delete(CACHE) : Promise.resolve();
    var controlled = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker
      .register(root.dataset.sw, { scope: root.dataset.scope })
      .then(function () {
        return cleared;
      })
      .then(function () {
        if (bar.dataset.kept) {
          return null; // a kept copy shown offline
        }
        var page = window.location.href;
        var assets = [];
        document.querySelectorAll('link[rel="stylesheet"], script[src], img[src]').forEach(function (el) {
          assets.push(el.href || el.src);
        });
        return window.caches.open(CACHE).then(function (cache) {
          return cache.match(page, { ignoreVary: true }).then(function (hit) {
            // a page the worker did not see come (it was not in control yet) is fetched and
            // kept here, marked as a copy like the worker's copies
            var fetchPage =
              hit && controlled
                ? Promise.resolve()
                : fetch(page, { credentials: "same-origin" }).then(function (response) {
                    if (!response.ok || response.redirected) {
                      return null;
                    }
                    return response.text().then(function (html) {
                      var copy = html.replace('id="online-bar"', 'id="online-bar" data-kept="1"');
                      return cache.put(
                        page,
                        new Response(copy, { headers: { "Content-Type": "text/html; charset=utf-8" } })
                      );
                    });
                  });
            return Promise.all(
              [fetchPage].concat(
                assets.map(function (url) {
                  return cache.match(url).then(function (found) {
                    return found ? null : cache.add(url);
                  });
                })
              )
            );
          });
        });
      })
      .catch(function () {
        /* no service worker (an old browser, or not over https): works online only */
      });
  }

  // ---- start ----
  if (leftover) {
    if (pendingNumbers().length) {
      say(msg("msgLeftSending"));
      pump();
    } else {
      forget();
      say(msg("msgLeftDone"));
    }
    return;
  }

  var kept = update(function (data) {
    if (!bar.dataset.kept || data.endsAt === null) {
      data.endsAt = Date.now() + Number(bar.dataset.left) * 1000; // fresh from the server
    }
  });
  endsAt = kept.endsAt;
  if (!bar.dataset.kept && kept.lostSince) {
    found(); // this page came from the server: the connection is back
  }
  var asked = new URLSearchParams(window.location.search).get("n");
  if (asked && forms.length === 1 && forms[0].dataset.number !== asked) {
    say(msg("msgNotOpened", { n: asked }));
  }
  bringBack();

  forms.forEach(function (form) {
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) {
      // with the script, a button saves through the browser's copy and moves on by a plain link,
      // so it works offline too
      event.preventDefault();
      var field = form.querySelector("[name]:not([type=hidden])");
      if (field) {
        changed({ type: "submit", target: field });
      }
      var then = event.submitter ? event.submitter.value : "stay";
      var n = Number(form.dataset.number);
      pump();
      waitForSending(function () {
        if (then === "next" || then === "prev") {
          var url = new URL(root.dataset.work, window.location.href);
          url.searchParams.set("n", String(then === "next" ? n + 1 : n - 1));
          window.location.assign(url.toString());
        } else if (then === "review") {
          window.location.assign(root.dataset.review);
        }
      });
    });
  });

  var handIn = document.getElementById("online-submit");
  if (handIn) {
    handIn.addEventListener("submit", function (event) {
      if (pendingNumbers().length || read().lostSince) {
        event.preventDefault();
        pump();
        say(msg("msgSubmitOffline"));
      }
    });
  }

  window.addEventListener("online", pump);
  window.addEventListener("offline", lost);
  window.addEventListener("pagehide", function () {
    pump();
  });
  window.setInterval(tick, 1000);
  window.setInterval(function () {
    if (!closed && !timeOver) {
      checkState();
    }
  }, 60000);
  tick();
  keepPages();
  if (pendingNumbers().length) {
    pump();
  }
})();
