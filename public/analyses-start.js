// Starts the page's compare-and-scale panel (src/ui/analyses): loads its stylesheet, its
// JavaScript glue (Trunk writes it as analyses.js, no module, defining `wasm_bindgen`) and its
// WebAssembly, whose start function draws the panel into #analyses-root. The page adds this
// script when the panel is first opened, so a first visit downloads none of it.
(() => {
  const root = document.getElementById('analyses-root');
  const failed = () => {
    const message = document.createElement('p');
    message.className = 'error';
    message.setAttribute('role', 'alert');
    message.textContent = 'Compare and scale could not be loaded. Reload the page to try again.';
    root.replaceChildren(message);
  };
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = './analyses.css';
  document.head.appendChild(style);
  const glue = document.createElement('script');
  glue.src = './analyses.js';
  glue.onload = () => wasm_bindgen({ module_or_path: './analyses_bg.wasm' }).catch(failed);
  glue.onerror = failed;
  document.head.appendChild(glue);
})();
