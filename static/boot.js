// Starts tiemap: loads the app's wasm-bindgen module and its wasm, whose (hashed) names trunk
// writes into <meta name="tiemap-app">. A file, not an inline script, so the page's Content
// Security Policy can forbid inline scripts.
const app = document.querySelector('meta[name="tiemap-app"]');
const base = new URL('.', document.baseURI);
const { default: init } = await import(new URL(app.dataset.js, base).href);
await init({ module_or_path: new URL(app.dataset.wasm, base).href });
