// Starts Headroom: loads the app's JavaScript glue and its WebAssembly, whose names (hashed at each
// build) Trunk writes on this script's own tag (Trunk.toml, pattern_script). The app starts from
// this file rather than from inline script, so that the page's Content Security Policy forbids
// inline script altogether.
const tag = document.querySelector('script[data-js][data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
