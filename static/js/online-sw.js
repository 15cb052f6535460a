// The online round's service worker, served as /online/sw.js so that its scope is the
// participant's pages of the online round and nothing else. It is registered by the work page,
// i.e. only once the participant has started: nothing of the paper is kept before that.
//
// The work's pages (/online/work, /online/review), the tasks' images and the assets those pages
// load are fetched from the network first and kept; without a connection (or when the network
// does not answer within a few seconds) the kept copy is shown, so a reload during a drop shows
// the work, not the browser's error page. The answers themselves are in the browser's storage
// (online-work.js), not here. A redirect from the work page means the work is over (or not
// started): everything kept is dropped; the page that hands the work in drops it as well.
"use strict";

var CACHE = "olympiad-online";
var PATIENCE = 6000;
var scope = new URL(self.registration.scope).pathname;

function isPage(path) {
  return path === scope + "work" || path === scope + "review";
}

// what the work's pages load is kept when one of them asks for it, never for another page of
// the round: the start page that clears the copies loads the same assets, and would otherwise
// put them back a moment after they were dropped
function fromWork(request) {
  try {
    return isPage(new URL(request.referrer).pathname);
  } catch (error) {
    return false;
  }
}

function isKept(url, request) {
  if (url.origin !== self.location.origin) {
    return false;
  }
  var path = url.pathname;
  if (isPage(path)) {
    return true;
  }
  var asset = (path.indexOf(scope + "tasks/") === 0 && /\/image$/.test(path)) || path.indexOf("/static/") === 0;
  return asset && fromWork(request);
}

// the copy of a page is marked as one, so that its script knows it is shown from here (and
// takes the time left from the browser's storage, not from the copy)
function marked(response) {
  return response.text().then(function (html) {
    return new Response(html.replace('id="online-bar"', 'id="online-bar" data-kept="1"'), {
      status: 200,
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  });
}

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

// a kept copy of this page; for a task page never opened online, the latest page of the work
function fromCache(request, url) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      if (hit || !isPage(url.pathname)) {
        return hit;
      }
      return cache.keys().then(function (keys) {
        var pages = keys.filter(function (key) {
          return new URL(key.url).pathname === scope + "work";
        });
        return pages.length ? cache.match(pages[pages.length - 1], { ignoreVary: true }) : undefined;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (!isKept(url, request)) {
    return;
  }
  var network = fetch(request).then(function (response) {
    if (response.type === "opaqueredirect" || response.redirected) {
      if (isPage(url.pathname)) {
        caches.delete(CACHE); // the work is over: nothing of it stays
      }
    } else if (response.ok && response.type === "basic") {
      var copy = isPage(url.pathname) ? marked(response.clone()) : Promise.resolve(response.clone());
      Promise.all([caches.open(CACHE), copy]).then(function (both) {
        // a fresh page replaces its older copy (and moves to the end: the latest)
        return both[0].delete(request).then(function () {
          return both[0].put(request, both[1]);
        });
      });
    }
    return response;
  });
  event.respondWith(
    new Promise(function (resolve, reject) {
      var settled = false;
      function fallback() {
        fromCache(request, url).then(function (hit) {
          if (hit && !settled) {
            settled = true;
            resolve(hit);
          }
        });
      }
      var slow = setTimeout(fallback, PATIENCE); // a connection that hangs rather than fails
      network.then(
        function (response) {
          clearTimeout(slow);
          if (!settled) {
            settled = true;
            resolve(response);
          }
        },
        function (error) {
          clearTimeout(slow);
          fromCache(request, url).then(function (hit) {
            if (settled) {
              return;
            }
            settled = true;
            if (hit) {
              resolve(hit);
            } else {
              reject(error);
            }
          });
        }
      );
    })
  );
});
