/*
 * The desk's only script of its own.
 *
 * The review queue page keeps its rows current: every change on the queue's
 * event stream (the session cookie authenticates it) asks htmx to fetch the
 * rows again, so the page never reloads. On reconnecting after a drop it
 * fetches them too, to catch up.
 *
 * A change that worked without JavaScript lands on its page with `?ok=<key>`
 * (the toast); the key leaves the address bar, so a reload does not repeat it.
 */
(function () {
  if (window.history && history.replaceState && /[?&]ok=/.test(location.search)) {
    var url = new URL(location.href);
    url.searchParams.delete('ok');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
})();
(function () {
  var rows = document.querySelector('[data-queue-stream]');
  if (!rows || !window.EventSource || !window.htmx) return;
  var refresh = function () { htmx.trigger(rows, 'queue-changed'); };
  var stream = new EventSource(rows.getAttribute('data-queue-stream'));
  ['entered', 'changed', 'claimed', 'released', 'expired', 'left'].forEach(function (name) {
    stream.addEventListener(name, refresh);
  });
  var opened = false;
  stream.addEventListener('open', function () {
    if (opened) refresh();
    opened = true;
  });
})();

/*
 * A form with data-confirm (deleting a webhook) asks first. Without
 * JavaScript the form simply posts: the desk works without this script.
 */
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) event.preventDefault();
});

/*
 * "Salin" beside a new preview link copies it. Without the Clipboard API (or
 * this script) the address stays selectable in its read-only field.
 */
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('[data-copy]');
  if (!button) return;
  var field = document.getElementById(button.getAttribute('data-copy'));
  if (!field) return;
  field.select();
  var done = function () { button.textContent = button.getAttribute('data-copied') || button.textContent; };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(field.value).then(done, function () {});
  else if (document.execCommand && document.execCommand('copy')) done();
});
