/*
 * The view beacon: counts this article page once per visit, even when the page
 * itself came from a CDN cache. The visitor id is first-party (localStorage, or
 * a cookie where storage is blocked); the server counts a visitor's repeat
 * views of an article within 30 minutes once, so a reload adds nothing.
 */
(function () {
  var article = document.querySelector('[data-view-slug]');
  if (!article || !navigator.sendBeacon || !window.crypto) return;
  var KEY = 'newsroom_visitor';

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  function fromCookie() {
    var match = document.cookie.match(/(?:^|; )newsroom_visitor=([0-9a-f]{32})/);
    if (match) return match[1];
    var id = newId();
    document.cookie = KEY + '=' + id + '; path=/; max-age=31536000; samesite=lax';
    return id;
  }

  function visitorId() {
    try {
      var id = localStorage.getItem(KEY);
      if (!id) { id = newId(); localStorage.setItem(KEY, id); }
      return id;
    } catch (e) {
      return fromCookie();
    }
  }

  var view = { slug: article.getAttribute('data-view-slug'), visitorId: visitorId() };
  navigator.sendBeacon('/views', new Blob([JSON.stringify(view)], { type: 'application/json' }));
})();
