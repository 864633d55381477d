// Starts tiemap: loads the app's wasm-bindgen module and its wasm, whose (hashed) names trunk
// writes into <meta name="tiemap-app">. A file, not an inline script, so the page's Content
// Security Policy can forbid inline scripts.
const app = document.querySelector('meta[name="tiemap-app"]');
const base = new URL('.', document.baseURI);
const { default: init } = await import(new URL(app.dataset.js, base).href);
await init({ module_or_path: new URL(app.dataset.wasm, base).href });
afterFirstMap().then(keepOffline);
followTheme();

/**
 * Resolves once the first map is drawn still (the app's map says `tiemap-still`), or after 20 s:
 * the offline copy fetches the whole site (both worker builds, the icons), which should not
 * compete with the first download and the sample's layout.
 */
function afterFirstMap() {
  return new Promise((done) => {
    const timer = setTimeout(done, 20_000);
    window.addEventListener('tiemap-still', () => { clearTimeout(timer); done(); }, { once: true });
  });
}

/**
 * Registers the service worker (sw.js beside this page, so a sub-path works), which keeps the
 * site in this browser for use without a network. When a new version has been deployed, the
 * browser installs it beside the running one and the person is told; it takes over when they
 * choose "Update now", and the page reloads onto it. Their map is kept: edits are stored in
 * the browser as they happen, and the reload reopens the last map.
 */
async function keepOffline() {
  if (!('serviceWorker' in navigator)) return;
  let registration;
  try {
    registration = await navigator.serviceWorker.register(new URL('sw.js', base).href);
  } catch (_) {
    return; // a dev server without sw.js, or a browser that refuses: the page works as before
  }
  // A browser that blocks service workers may resolve with nothing (Playwright's 'block' does).
  if (!registration) return;
  let chosen = false;
  const offer = (worker) => updateNotice('A new version of tiemap is ready. Your map is kept.', 'Update now', () => {
    chosen = true;
    worker.postMessage('tiemap-update');
  });
  // Only a page that a worker already controls gets told: on the first visit, the new worker
  // is simply the first one.
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (chosen) {
      location.reload();
    } else {
      // Updated from another tab: this one still runs the version before.
      updateNotice('tiemap was updated in another tab. Reload to use the new version; your map is kept.', 'Reload', () => location.reload());
    }
  });
}

/** One notice at the foot of the page: a sentence and a button, announced politely. */
function updateNotice(sentence, action, onAction) {
  document.querySelector('.update-notice')?.remove();
  const notice = document.createElement('div');
  notice.className = 'update-notice';
  notice.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = sentence;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button primary';
  button.textContent = action;
  button.addEventListener('click', () => { button.disabled = true; onAction(); });
  const later = document.createElement('button');
  later.type = 'button';
  later.className = 'button';
  later.textContent = 'Later';
  later.addEventListener('click', () => notice.remove());
  notice.append(text, button, later);
  document.body.append(notice);
}

/** The browser's colour for the window and title bar follows the page's light/dark choice. */
function followTheme() {
  const root = document.querySelector('.app');
  if (!root) {
    requestAnimationFrame(followTheme); // the app draws its first frame
    return;
  }
  const apply = () => {
    const colour = root.classList.contains('dark') ? '#1a1e24' : '#ffffff';
    for (const meta of document.querySelectorAll('meta[name="theme-color"]')) meta.content = colour;
  };
  apply();
  new MutationObserver(apply).observe(root, { attributes: true, attributeFilter: ['class'] });
}
