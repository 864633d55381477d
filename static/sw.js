// tiemap's service worker: keeps the built site in this browser (Cache Storage) on the first
// visit, so the page opens and works with no network afterwards. It answers only for the
// site's own files and never sends anything anywhere.
//
// `cargo xtask build` writes VERSION and FILES below after trunk has built dist/ (the hashed
// file names trunk chose; see xtask/src/run.rs). A new deployment is a new VERSION: the browser
// installs the new worker beside the old one, the page tells the person, and the new worker
// takes over only when they choose to reload (boot.js), so nothing they have open breaks.
const VERSION = 'dev';
const FILES = [];

const CACHE = `tiemap-${VERSION}`;
const scope = new URL(self.registration.scope);
const INDEX = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  // `cache: 'reload'`: straight from the site, not from the HTTP cache (which may hold the
  // files of the version before).
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(FILES.map((f) => new Request(new URL(f, scope).href, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  // The files of older versions: no page uses them any more.
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((k) => k.startsWith('tiemap-') && k !== CACHE).map((k) => caches.delete(k)))));
});

// The page asks the waiting worker to take over once the person has chosen to update.
self.addEventListener('message', (event) => {
  if (event.data === 'tiemap-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  // Every page of the site is the one page; other files by their path (without a query).
  const key = request.mode === 'navigate' ? INDEX : url.origin + url.pathname;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(key))
    .then((hit) => hit || fetch(request)));
});
