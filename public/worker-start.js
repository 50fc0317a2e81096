// Starts the page's worker (src/worker): loads its JavaScript glue (Trunk writes it as
// worker.js, no module, defining `wasm_bindgen`) and its WebAssembly, whose start function
// listens for the page's requests and says when it is ready. The page starts the worker only
// when a scenario first has a range, so a first visit downloads none of it.
importScripts('./worker.js');
wasm_bindgen({ module_or_path: './worker_bg.wasm' });
