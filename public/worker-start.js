// Starts the page's worker (src/worker): loads its JavaScript glue (Trunk writes it as
// worker.js, no module, defining `wasm_bindgen`) and its WebAssembly, whose start function
// listens for the page's requests and says when it is ready. The page starts the worker only
// when a scenario first has a range, so a first visit downloads none of it.
importScripts('./worker.js');
// A WebAssembly that cannot be fetched or compiled rejects a promise, which a worker does not
// report; thrown again outside it, it reaches the page as the worker's error event, and the
// page says the samples could not be drawn instead of waiting for them.
wasm_bindgen({ module_or_path: './worker_bg.wasm' }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
